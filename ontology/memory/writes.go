package memory

import (
	"context"

	"github.com/authledger/authledger/ontology"
)

// lookup answers a getter: the tx's own write or delete first, then the
// committed table.
func lookup[K comparable, V any](x *tx, overlay map[K]*V, k K, table func(*tables) map[K]V, clone func(V) V) (V, error) {
	var zero V
	if v, ok := overlay[k]; ok {
		if v == nil {
			return zero, ontology.ErrNotFound
		}
		return clone(*v), nil
	}
	var (
		v     V
		found bool
	)
	if err := x.committed(func(t *tables) { v, found = table(t)[k] }); err != nil {
		return zero, err
	}
	if !found {
		return zero, ontology.ErrNotFound
	}
	return clone(v), nil
}

// PutGroup inserts or replaces a group.
func (x *tx) PutGroup(ctx context.Context, g ontology.Group) error {
	g = cloneGroup(g)
	return x.do(ctx, g, func(t *tables) { t.groups[g.ID] = g })
}

// DeleteGroup removes a group if present.
func (x *tx) DeleteGroup(ctx context.Context, id string) error {
	return x.do(ctx, nil, func(t *tables) { delete(t.groups, id) })
}

// PutPerson inserts or replaces a person.
func (x *tx) PutPerson(ctx context.Context, p ontology.Person) error {
	p = clonePerson(p)
	err := x.do(ctx, p, func(t *tables) { t.people[p.ID] = p })
	if err == nil {
		x.people[p.ID] = &p
	}
	return err
}

// DeletePerson removes a person if present.
func (x *tx) DeletePerson(ctx context.Context, id string) error {
	err := x.do(ctx, nil, func(t *tables) { delete(t.people, id) })
	if err == nil {
		x.people[id] = nil
	}
	return err
}

// GetPerson returns a person as this transaction sees it.
func (x *tx) GetPerson(ctx context.Context, id string) (ontology.Person, error) {
	return lookup(x, x.people, id, func(t *tables) map[string]ontology.Person { return t.people }, clonePerson)
}

// PutThing inserts or replaces a thing.
func (x *tx) PutThing(ctx context.Context, th ontology.Thing) error {
	th = cloneThing(th)
	err := x.do(ctx, th, func(t *tables) { t.things[th.ID] = th })
	if err == nil {
		x.things[th.ID] = &th
	}
	return err
}

// DeleteThing removes a thing if present.
func (x *tx) DeleteThing(ctx context.Context, id string) error {
	err := x.do(ctx, nil, func(t *tables) { delete(t.things, id) })
	if err == nil {
		x.things[id] = nil
	}
	return err
}

// GetThing returns a thing as this transaction sees it.
func (x *tx) GetThing(ctx context.Context, id string) (ontology.Thing, error) {
	return lookup(x, x.things, id, func(t *tables) map[string]ontology.Thing { return t.things }, cloneThing)
}

// PutConnection inserts or replaces a connection.
func (x *tx) PutConnection(ctx context.Context, c ontology.Connection) error {
	c = cloneConnection(c)
	err := x.do(ctx, c, func(t *tables) { t.conns[c.ID] = c })
	if err == nil {
		x.conns[c.ID] = &c
	}
	return err
}

// DeleteConnection removes a connection if present.
func (x *tx) DeleteConnection(ctx context.Context, id string) error {
	err := x.do(ctx, nil, func(t *tables) { delete(t.conns, id) })
	if err == nil {
		x.conns[id] = nil
	}
	return err
}

// GetConnection returns a connection as this transaction sees it.
func (x *tx) GetConnection(ctx context.Context, id string) (ontology.Connection, error) {
	return lookup(x, x.conns, id, func(t *tables) map[string]ontology.Connection { return t.conns }, cloneConnection)
}

// AppendEvent adds an audit row; Seq 0 becomes max(seq)+1 at commit.
func (x *tx) AppendEvent(ctx context.Context, e ontology.Event) error {
	e = cloneEvent(e)
	return x.do(ctx, e, func(t *tables) { t.appendEvent(e) })
}

// PutFact inserts or replaces a knowledge row.
func (x *tx) PutFact(ctx context.Context, f ontology.Fact) error {
	f = cloneFact(f)
	k := factKey{f.SubjectID, f.Key}
	err := x.do(ctx, f, func(t *tables) { t.facts[k] = f })
	if err == nil {
		x.facts[k] = &f
	}
	return err
}

// DeleteFact removes a knowledge row if present.
func (x *tx) DeleteFact(ctx context.Context, subjectID, key string) error {
	k := factKey{subjectID, key}
	err := x.do(ctx, nil, func(t *tables) { delete(t.facts, k) })
	if err == nil {
		x.facts[k] = nil
	}
	return err
}

// GetFact returns a knowledge row as this transaction sees it.
func (x *tx) GetFact(ctx context.Context, subjectID, key string) (ontology.Fact, error) {
	return lookup(x, x.facts, factKey{subjectID, key}, func(t *tables) map[factKey]ontology.Fact { return t.facts }, cloneFact)
}
