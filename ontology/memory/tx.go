package memory

import (
	"context"

	"github.com/authledger/authledger/ontology"
)

// tx buffers writes as ops applied in order on Commit. The overlay maps
// answer the Writer getters with the transaction's own writes (a nil value
// is a delete); everything else falls through to the committed tables.
type tx struct {
	s           *Store
	target      func() *tables // the tables Commit applies to; nil when gone; call under s.mu
	ops         []func(*tables)
	people      map[string]*ontology.Person
	things      map[string]*ontology.Thing
	conns       map[string]*ontology.Connection
	facts       map[factKey]*ontology.Fact
	checkpoints map[string]string
	done        bool
}

// newTx starts a transaction that commits into target().
func newTx(s *Store, target func() *tables) *tx {
	return &tx{
		s: s, target: target,
		people:      map[string]*ontology.Person{},
		things:      map[string]*ontology.Thing{},
		conns:       map[string]*ontology.Connection{},
		facts:       map[factKey]*ontology.Fact{},
		checkpoints: map[string]string{},
	}
}

// do records one write after checking the tx is open and the row is valid.
func (x *tx) do(ctx context.Context, row any, op func(*tables)) error {
	if x.done {
		return ErrTxDone
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if row != nil {
		if err := ontology.CheckRow(row); err != nil {
			return err
		}
	}
	x.ops = append(x.ops, op)
	return nil
}

// committed runs fn on the committed tables under the read lock.
func (x *tx) committed(fn func(t *tables)) error {
	x.s.mu.RLock()
	defer x.s.mu.RUnlock()
	t := x.target()
	if t == nil {
		return ErrStagingDone
	}
	fn(t)
	return nil
}

// Commit applies the buffered writes atomically.
func (x *tx) Commit() error {
	if x.done {
		return ErrTxDone
	}
	x.done = true
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	t := x.target()
	if t == nil {
		return ErrStagingDone
	}
	for _, op := range x.ops {
		op(t)
	}
	return nil
}

// Rollback discards the buffered writes.
func (x *tx) Rollback() error {
	if x.done {
		return ErrTxDone
	}
	x.done = true
	x.ops = nil
	return nil
}

// Checkpoint returns the tx's own checkpoint write or the committed one.
func (x *tx) Checkpoint(ctx context.Context, projector string) (string, error) {
	if pos, ok := x.checkpoints[projector]; ok {
		return pos, nil
	}
	var pos string
	err := x.committed(func(t *tables) { pos = t.checkpoints[projector] })
	return pos, err
}

// SetCheckpoint records the projector's position in this transaction.
func (x *tx) SetCheckpoint(ctx context.Context, projector, position string) error {
	err := x.do(ctx, nil, func(t *tables) { t.checkpoints[projector] = position })
	if err == nil {
		x.checkpoints[projector] = position
	}
	return err
}

// DeleteSubject removes a person's rows (not events) at commit; the overlay
// hides them from this transaction's getters right away.
func (x *tx) DeleteSubject(ctx context.Context, personID string) error {
	if err := x.do(ctx, nil, func(t *tables) { t.deleteSubject(personID) }); err != nil {
		return err
	}
	x.people[personID] = nil
	for id, th := range x.things {
		if th != nil && th.OwnerID == personID {
			x.things[id] = nil
		}
	}
	for id, c := range x.conns {
		if c != nil && (c.FromID == personID || c.ToID == personID) {
			x.conns[id] = nil
		}
	}
	for k := range x.facts {
		if k.subject == personID {
			x.facts[k] = nil
		}
	}
	return x.committed(func(t *tables) {
		for id, th := range t.things {
			if _, mine := x.things[id]; !mine && th.OwnerID == personID {
				x.things[id] = nil
			}
		}
		for id, c := range t.conns {
			if _, mine := x.conns[id]; !mine && (c.FromID == personID || c.ToID == personID) {
				x.conns[id] = nil
			}
		}
		for k := range t.facts {
			if _, mine := x.facts[k]; !mine && k.subject == personID {
				x.facts[k] = nil
			}
		}
	})
}
