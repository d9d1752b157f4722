package projections

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/ontology"
)

// coalescer is the ontology.Writer a projector sees during a batch. It
// buffers row puts and deletes, so a row written many times in one batch
// (a session created, refreshed twice and revoked) is stored once, and
// passes audit rows straight through. Getters see the buffered writes.
// Rows are validated with ontology.CheckRow when buffered, so a bad row
// still fails at the event that wrote it; flush writes the final states
// in first-write order before the projector's checkpoint is set.
// Projectors must not mutate a row's slices in place after Put.
type coalescer struct {
	tx     ontology.Tx
	groups pending[string, ontology.Group]
	people pending[string, ontology.Person]
	things pending[string, ontology.Thing]
	conns  pending[string, ontology.Connection]
	facts  pending[factKey, ontology.Fact]
}

type factKey struct{ subject, key string }

// pending is the buffered state of one table: the final row (or its
// deletion) per key, and the keys in first-write order.
type pending[K comparable, V any] struct {
	order []K
	rows  map[K]slot[V]
}

type slot[V any] struct {
	row     V
	deleted bool
}

func (p *pending[K, V]) set(k K, s slot[V]) {
	if p.rows == nil {
		p.rows = map[K]slot[V]{}
	}
	if _, ok := p.rows[k]; !ok {
		p.order = append(p.order, k)
	}
	p.rows[k] = s
}

// put validates and buffers a row.
func (p *pending[K, V]) put(k K, v V) error {
	if err := ontology.CheckRow(v); err != nil {
		return err
	}
	p.set(k, slot[V]{row: v})
	return nil
}

// get returns the buffered row, or falls back to the transaction.
func (p *pending[K, V]) get(ctx context.Context, k K, fallback func(context.Context, K) (V, error)) (V, error) {
	if s, ok := p.rows[k]; ok {
		if s.deleted {
			var zero V
			return zero, ontology.ErrNotFound
		}
		return s.row, nil
	}
	return fallback(ctx, k)
}

// flush writes the buffered rows and empties the buffer.
func (p *pending[K, V]) flush(ctx context.Context, put func(context.Context, V) error, del func(context.Context, K) error) error {
	for _, k := range p.order {
		s := p.rows[k]
		var err error
		if s.deleted {
			err = del(ctx, k)
		} else {
			err = put(ctx, s.row)
		}
		if err != nil {
			return fmt.Errorf("projections: flush: %w", err)
		}
	}
	p.order, p.rows = p.order[:0], nil
	return nil
}

// flush writes every buffered row to the transaction.
func (c *coalescer) flush(ctx context.Context) error {
	if err := c.groups.flush(ctx, c.tx.PutGroup, c.tx.DeleteGroup); err != nil {
		return err
	}
	if err := c.people.flush(ctx, c.tx.PutPerson, c.tx.DeletePerson); err != nil {
		return err
	}
	if err := c.things.flush(ctx, c.tx.PutThing, c.tx.DeleteThing); err != nil {
		return err
	}
	if err := c.conns.flush(ctx, c.tx.PutConnection, c.tx.DeleteConnection); err != nil {
		return err
	}
	return c.facts.flush(ctx, c.tx.PutFact, func(ctx context.Context, k factKey) error {
		return c.tx.DeleteFact(ctx, k.subject, k.key)
	})
}

// PutGroup implements ontology.Writer.
func (c *coalescer) PutGroup(_ context.Context, g ontology.Group) error { return c.groups.put(g.ID, g) }

// DeleteGroup implements ontology.Writer.
func (c *coalescer) DeleteGroup(_ context.Context, id string) error {
	c.groups.set(id, slot[ontology.Group]{deleted: true})
	return nil
}

// PutPerson implements ontology.Writer.
func (c *coalescer) PutPerson(_ context.Context, p ontology.Person) error {
	return c.people.put(p.ID, p)
}

// DeletePerson implements ontology.Writer.
func (c *coalescer) DeletePerson(_ context.Context, id string) error {
	c.people.set(id, slot[ontology.Person]{deleted: true})
	return nil
}

// GetPerson implements ontology.Writer.
func (c *coalescer) GetPerson(ctx context.Context, id string) (ontology.Person, error) {
	return c.people.get(ctx, id, c.tx.GetPerson)
}

// PutThing implements ontology.Writer.
func (c *coalescer) PutThing(_ context.Context, t ontology.Thing) error { return c.things.put(t.ID, t) }

// DeleteThing implements ontology.Writer.
func (c *coalescer) DeleteThing(_ context.Context, id string) error {
	c.things.set(id, slot[ontology.Thing]{deleted: true})
	return nil
}

// GetThing implements ontology.Writer.
func (c *coalescer) GetThing(ctx context.Context, id string) (ontology.Thing, error) {
	return c.things.get(ctx, id, c.tx.GetThing)
}

// PutConnection implements ontology.Writer.
func (c *coalescer) PutConnection(_ context.Context, e ontology.Connection) error {
	return c.conns.put(e.ID, e)
}

// DeleteConnection implements ontology.Writer.
func (c *coalescer) DeleteConnection(_ context.Context, id string) error {
	c.conns.set(id, slot[ontology.Connection]{deleted: true})
	return nil
}

// GetConnection implements ontology.Writer.
func (c *coalescer) GetConnection(ctx context.Context, id string) (ontology.Connection, error) {
	return c.conns.get(ctx, id, c.tx.GetConnection)
}

// AppendEvent implements ontology.Writer; audit rows are never coalesced.
func (c *coalescer) AppendEvent(ctx context.Context, e ontology.Event) error {
	return c.tx.AppendEvent(ctx, e)
}

// PutFact implements ontology.Writer.
func (c *coalescer) PutFact(_ context.Context, f ontology.Fact) error {
	return c.facts.put(factKey{f.SubjectID, f.Key}, f)
}

// DeleteFact implements ontology.Writer.
func (c *coalescer) DeleteFact(_ context.Context, subjectID, key string) error {
	c.facts.set(factKey{subjectID, key}, slot[ontology.Fact]{deleted: true})
	return nil
}

// GetFact implements ontology.Writer.
func (c *coalescer) GetFact(ctx context.Context, subjectID, key string) (ontology.Fact, error) {
	return c.facts.get(ctx, factKey{subjectID, key}, func(ctx context.Context, k factKey) (ontology.Fact, error) {
		return c.tx.GetFact(ctx, k.subject, k.key)
	})
}

// DeleteSubject implements ontology.Writer: it flushes the buffer first, so
// the erasure also removes rows written earlier in the batch.
func (c *coalescer) DeleteSubject(ctx context.Context, personID string) error {
	if err := c.flush(ctx); err != nil {
		return err
	}
	return c.tx.DeleteSubject(ctx, personID)
}
