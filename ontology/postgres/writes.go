package postgres

import (
	"context"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

// put cleans row (cleanRow) and queues its upsert into s's table; it
// returns the row as written.
func put[T any](ctx context.Context, x *tx, s spec, row T, args func(T) []any) (T, error) {
	row, err := cleanRow(row)
	if err != nil {
		return row, err
	}
	return row, x.queuePut(ctx, s, args(row))
}

// putCached is put for a table the stage cache keeps (table), under key.
func putCached[K comparable, T any](ctx context.Context, x *tx, s spec, row T, args func(T) []any,
	table func(*rowSet) *gens[K, T], key func(T) K) error {
	row, err := put(ctx, x, s, row, args)
	if err == nil {
		remember(x, table, key(row), cached[T]{row: row})
	}
	return err
}

// delCached queues the deletion of the row of key from a cached table.
func delCached[K comparable, T any](ctx context.Context, x *tx, dim ontology.Dimension, table func(*rowSet) *gens[K, T],
	key K, args ...any) error {
	err := x.exec(ctx, x.q.del[dim], args...)
	if err == nil {
		remember(x, table, key, cached[T]{deleted: true})
	}
	return err
}

// get reads one row of s by primary key after sending the queued writes.
func get[T any](ctx context.Context, x *tx, s spec, scan func(pgx.Row) (T, error), key ...any) (T, error) {
	var v T
	for _, k := range key {
		if s, ok := k.(string); ok && !storable(s) {
			return v, ontology.ErrNotFound
		}
	}
	err := x.queryRow(ctx, func(r pgx.Row) error {
		var err error
		v, err = scan(r)
		return err
	}, x.q.get[s.dim], key...)
	return v, err
}

// PutGroup inserts or replaces a group.
func (x *tx) PutGroup(ctx context.Context, g ontology.Group) error {
	_, err := put(ctx, x, groupsSpec, g, groupArgs)
	return err
}

// DeleteGroup removes a group if present.
func (x *tx) DeleteGroup(ctx context.Context, id string) error {
	if !storable(id) { // no stored row can have this id
		return x.usable(ctx)
	}
	return x.exec(ctx, x.q.del[ontology.Groups], id)
}

// PutPerson inserts or replaces a person.
func (x *tx) PutPerson(ctx context.Context, p ontology.Person) error {
	return putCached(ctx, x, peopleSpec, p, personArgs, peopleOf, func(p ontology.Person) string { return p.ID })
}

// DeletePerson removes a person if present.
func (x *tx) DeletePerson(ctx context.Context, id string) error {
	if !storable(id) { // no stored row can have this id
		return x.usable(ctx)
	}
	return delCached(ctx, x, ontology.People, peopleOf, id, id)
}

// GetPerson reads a person as this transaction sees it.
func (x *tx) GetPerson(ctx context.Context, id string) (ontology.Person, error) {
	if p, ok, err := recall(ctx, x, peopleOf, id); ok {
		return p, err
	}
	return get(ctx, x, peopleSpec, scanPerson, id)
}

// PutThing inserts or replaces a thing.
func (x *tx) PutThing(ctx context.Context, t ontology.Thing) error {
	return putCached(ctx, x, thingsSpec, t, thingArgs, thingsOf, func(t ontology.Thing) string { return t.ID })
}

// DeleteThing removes a thing if present.
func (x *tx) DeleteThing(ctx context.Context, id string) error {
	if !storable(id) { // no stored row can have this id
		return x.usable(ctx)
	}
	return delCached(ctx, x, ontology.Things, thingsOf, id, id)
}

// GetThing reads a thing as this transaction sees it.
func (x *tx) GetThing(ctx context.Context, id string) (ontology.Thing, error) {
	if t, ok, err := recall(ctx, x, thingsOf, id); ok {
		return t, err
	}
	return get(ctx, x, thingsSpec, scanThing, id)
}

// PutConnection inserts or replaces a connection.
func (x *tx) PutConnection(ctx context.Context, c ontology.Connection) error {
	return putCached(ctx, x, connectionsSpec, c, connectionArgs, connsOf, func(c ontology.Connection) string { return c.ID })
}

// DeleteConnection removes a connection if present.
func (x *tx) DeleteConnection(ctx context.Context, id string) error {
	if !storable(id) { // no stored row can have this id
		return x.usable(ctx)
	}
	return delCached(ctx, x, ontology.Connections, connsOf, id, id)
}

// GetConnection reads a connection as this transaction sees it.
func (x *tx) GetConnection(ctx context.Context, id string) (ontology.Connection, error) {
	if c, ok, err := recall(ctx, x, connsOf, id); ok {
		return c, err
	}
	return get(ctx, x, connectionsSpec, scanConnection, id)
}

// AppendEvent adds an audit row. Seq 0 becomes max(seq)+1: the maximum is
// read once per transaction (which holds the writer lock) and counted on
// here. An explicit Seq replaces any row with that Seq.
func (x *tx) AppendEvent(ctx context.Context, e ontology.Event) error {
	e, err := cleanRow(e)
	if err != nil {
		return err
	}
	if e.Seq != 0 {
		if x.nextSeq != 0 {
			x.nextSeq = max(x.nextSeq, e.Seq+1)
		}
		x.spillEvents() // it may replace one of them
		return x.exec(ctx, x.q.upsert[ontology.Events], eventArgs(e)...)
	}
	if x.nextSeq == 0 {
		var last int64
		if err := x.queryRow(ctx, func(r pgx.Row) error { return r.Scan(&last) }, x.q.maxSeq); err != nil {
			return err
		}
		x.nextSeq = last + 1
	}
	if err := x.usable(ctx); err != nil {
		return err
	}
	e.Seq = x.nextSeq
	x.nextSeq++
	x.events = append(x.events, eventArgs(e))
	if len(x.events) >= maxQueued {
		return x.send(ctx)
	}
	return nil
}

// PutFact inserts or replaces a knowledge row.
func (x *tx) PutFact(ctx context.Context, f ontology.Fact) error {
	return putCached(ctx, x, knowledgeSpec, f, factArgs, factsOf, func(f ontology.Fact) factKey { return factKey{f.SubjectID, f.Key} })
}

// DeleteFact removes a knowledge row if present.
func (x *tx) DeleteFact(ctx context.Context, subjectID, key string) error {
	if !storable(subjectID, key) {
		return x.usable(ctx)
	}
	return delCached(ctx, x, ontology.Knowledge, factsOf, factKey{subjectID, key}, subjectID, key)
}

// GetFact reads a knowledge row as this transaction sees it.
func (x *tx) GetFact(ctx context.Context, subjectID, key string) (ontology.Fact, error) {
	if f, ok, err := recall(ctx, x, factsOf, factKey{subjectID, key}); ok {
		return f, err
	}
	return get(ctx, x, knowledgeSpec, scanFact, subjectID, key)
}

// DeleteSubject removes a person's row, the things it owns, connections from
// or to it and its facts; events rows stay.
func (x *tx) DeleteSubject(ctx context.Context, personID string) error {
	if !storable(personID) {
		return x.usable(ctx)
	}
	x.forget()
	for _, q := range x.q.deleteSubject {
		if err := x.exec(ctx, q, personID); err != nil {
			return err
		}
	}
	return nil
}
