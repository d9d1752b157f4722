package projections

import (
	"context"

	"github.com/authledger/authledger/ontology"
)

// carryRows bounds the rows a rebuild holds per projector between batches:
// past it, the projector writes them out with its next batch.
const carryRows = 50_000

// A rebuild coalesces each projector's rows across batches, not only
// within one: a person signing in every few minutes is then written once
// per carryRows window instead of once per batch (in the benchmark
// workload, people and knowledge rows are written about once each instead
// of once per sign-in), and reads of rows written by earlier batches are
// answered from memory. Nobody reads the staged tables before Promote, and
// a rebuild that stops is discarded, so the staged checkpoints may run
// ahead of the rows; the rebuild writes the rows it still holds before it
// promotes (writeCarried). A batch's rows join the carried ones only once
// its transaction commits, so a batch that is rolled back and replayed
// starts again from the same state.

// size is the number of rows buffered.
func (t *tables) size() int {
	return len(t.groups.rows) + len(t.people.rows) + len(t.things.rows) + len(t.conns.rows) + len(t.facts.rows)
}

// merge adds src's rows after t's (src's state wins).
func (t *tables) merge(src *tables) {
	mergeInto(&t.groups, &src.groups)
	mergeInto(&t.people, &src.people)
	mergeInto(&t.things, &src.things)
	mergeInto(&t.conns, &src.conns)
	mergeInto(&t.facts, &src.facts)
}

func mergeInto[K comparable, V any](dst, src *pending[K, V]) {
	for _, k := range src.order {
		dst.set(k, src.rows[k])
	}
}

// finish ends the projector's part of a batch. Outside a rebuild it writes
// the buffered rows. In a rebuild it writes the carried rows and its own
// when they reach carryRows (or when the batch was applied directly, see
// applyOne), and otherwise keeps them. The returned function, run once
// the transaction has committed, updates the carried rows.
func (c *coalescer) finish(ctx context.Context, direct bool) (func(), error) {
	switch {
	case c.under == nil:
		return nil, c.flush(ctx)
	case direct: // the carried rows were written before the batch
		return c.under.reset, nil
	case c.under.size()+c.size() >= carryRows:
		if err := c.under.write(ctx, c.tx); err != nil {
			return nil, err
		}
		if err := c.flush(ctx); err != nil {
			return nil, err
		}
		return c.under.reset, nil
	}
	return func() { c.under.merge(&c.tables) }, nil
}

// eraseBuffered marks deleted, in the batch's buffer, every row of the
// batch or carried from earlier ones that DeleteSubject removes: the
// person, the things it owns, connections from or to it and its facts.
// Rows the batch rewrote count as the batch wrote them.
func (c *coalescer) eraseBuffered(personID string) {
	erase(&c.people, &c.under.people, func(id string, _ ontology.Person) bool { return id == personID })
	erase(&c.things, &c.under.things, func(_ string, t ontology.Thing) bool { return t.OwnerID == personID })
	erase(&c.conns, &c.under.conns, func(_ string, e ontology.Connection) bool {
		return e.FromID == personID || e.ToID == personID
	})
	erase(&c.facts, &c.under.facts, func(k factKey, _ ontology.Fact) bool { return k.subject == personID })
}

func erase[K comparable, V any](p, under *pending[K, V], match func(K, V) bool) {
	for _, k := range under.order {
		s := under.rows[k]
		if _, mine := p.rows[k]; !mine && !s.deleted && match(k, s.row) {
			p.set(k, slot[V]{deleted: true})
		}
	}
	for _, k := range p.order {
		if s := p.rows[k]; !s.deleted && match(k, s.row) {
			p.rows[k] = slot[V]{deleted: true}
		}
	}
}

// writeCarried writes the rows the rebuild still holds into the staging
// and empties them once committed.
func (rb *rebuild) writeCarried(ctx context.Context) error {
	tx, err := rb.st.Begin(ctx)
	if err != nil {
		return err
	}
	for _, t := range rb.carried {
		if err := t.write(ctx, tx); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, t := range rb.carried {
		t.reset()
	}
	return nil
}
