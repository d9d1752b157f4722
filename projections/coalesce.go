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
//
// During a rebuild the coalescer sits on the rows the rebuild carries from
// earlier batches (under, see carry.go): reads fall through to them before
// the transaction, and an erasure marks the carried rows it removes.
type coalescer struct {
	tx ontology.Tx
	tables
	under *tables
}

// tables is the buffered state of every table a projector can write.
type tables struct {
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

// write writes the buffered rows in first-write order, keeping them.
func (p *pending[K, V]) write(ctx context.Context, put func(context.Context, V) error, del func(context.Context, K) error) error {
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
	return nil
}

// reset empties the buffer.
func (p *pending[K, V]) reset() { p.order, p.rows = p.order[:0], nil }

// write writes every buffered row to w, keeping them.
func (t *tables) write(ctx context.Context, w ontology.Writer) error {
	if err := t.groups.write(ctx, w.PutGroup, w.DeleteGroup); err != nil {
		return err
	}
	if err := t.people.write(ctx, w.PutPerson, w.DeletePerson); err != nil {
		return err
	}
	if err := t.things.write(ctx, w.PutThing, w.DeleteThing); err != nil {
		return err
	}
	if err := t.conns.write(ctx, w.PutConnection, w.DeleteConnection); err != nil {
		return err
	}
	return t.facts.write(ctx, w.PutFact, func(ctx context.Context, k factKey) error {
		return w.DeleteFact(ctx, k.subject, k.key)
	})
}

// reset empties every table's buffer.
func (t *tables) reset() {
	t.groups.reset()
	t.people.reset()
	t.things.reset()
	t.conns.reset()
	t.facts.reset()
}

// flush writes every buffered row to the transaction and empties the buffer.
func (c *coalescer) flush(ctx context.Context) error {
	if err := c.write(ctx, c.tx); err != nil {
		return err
	}
	c.reset()
	return nil
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
	return c.people.get(ctx, id, func(ctx context.Context, id string) (ontology.Person, error) {
		if c.under == nil {
			return c.tx.GetPerson(ctx, id)
		}
		return c.under.people.get(ctx, id, c.tx.GetPerson)
	})
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
	return c.things.get(ctx, id, func(ctx context.Context, id string) (ontology.Thing, error) {
		if c.under == nil {
			return c.tx.GetThing(ctx, id)
		}
		return c.under.things.get(ctx, id, c.tx.GetThing)
	})
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
	return c.conns.get(ctx, id, func(ctx context.Context, id string) (ontology.Connection, error) {
		if c.under == nil {
			return c.tx.GetConnection(ctx, id)
		}
		return c.under.conns.get(ctx, id, c.tx.GetConnection)
	})
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
	fromTx := func(ctx context.Context, k factKey) (ontology.Fact, error) {
		return c.tx.GetFact(ctx, k.subject, k.key)
	}
	return c.facts.get(ctx, factKey{subjectID, key}, func(ctx context.Context, k factKey) (ontology.Fact, error) {
		if c.under == nil {
			return fromTx(ctx, k)
		}
		return c.under.facts.get(ctx, k, fromTx)
	})
}

// DeleteSubject implements ontology.Writer: it flushes the buffer first, so
// the erasure also removes rows written earlier in the batch. During a
// rebuild it instead marks deleted every buffered or carried row the
// erasure removes (the rows DeleteSubject matches: see eraseBuffered), so
// none of them is written later.
func (c *coalescer) DeleteSubject(ctx context.Context, personID string) error {
	if c.under != nil {
		c.eraseBuffered(personID)
		return c.tx.DeleteSubject(ctx, personID)
	}
	if err := c.flush(ctx); err != nil {
		return err
	}
	return c.tx.DeleteSubject(ctx, personID)
}
