package projections

import (
	"context"
	"errors"
	"fmt"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// beginFunc opens a transaction on the live tables or on a staging.
type beginFunc func(ctx context.Context) (ontology.Tx, error)

// batch is one read of the log, decoded lazily and at most once per record.
type batch struct {
	after eventstore.Position
	recs  []eventstore.Record
	dec   []decoded
}

type decoded struct {
	done bool
	ev   domain.Event
	meta domain.Metadata
	err  error
}

// failure is a projector stopped at a record of the batch.
type failure struct {
	proj int
	rec  int
	err  error
}

// runBatch reads up to limit records after the position and applies them
// to every healthy projector in states, returning the new states and the
// number of records read. A projector whose event fails is marked failed
// and the batch is re-run with that projector stopping just before it, so
// the others still commit. Storage errors (and ctx's) are returned as is:
// nothing was committed.
func (r *Runner) runBatch(ctx context.Context, begin beginFunc, states []projState, after eventstore.Position, limit int) ([]projState, int, error) {
	recs, err := r.store.ReadAll(ctx, after, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("projections: read after %s: %w", after, err)
	}
	if len(recs) == 0 {
		return states, 0, nil
	}
	b := &batch{after: after, recs: recs, dec: make([]decoded, len(recs))}
	stops := make([]int, len(states)) // records each projector may apply
	for i := range stops {
		stops[i] = len(recs)
	}
	failed := map[int]failure{}
	for range len(states) + 1 {
		next, fails, err := r.tryBatch(ctx, begin, states, b, stops)
		if err != nil {
			return nil, 0, err
		}
		if len(fails) == 0 {
			return markFailed(r.projs, next, b, failed), len(recs), nil
		}
		for _, f := range fails {
			stops[f.proj] = f.rec
			failed[f.proj] = f
		}
	}
	return nil, 0, errors.New("projections: batch failures did not settle") // cannot happen: each round adds a failure
}

// markFailed records the failures in the states.
func markFailed(projs []Projector, states []projState, b *batch, failed map[int]failure) []projState {
	for j, f := range failed {
		rec := b.recs[f.rec]
		states[j].failed = true
		states[j].failedAt = rec.Position
		states[j].failedType = rec.Type
		states[j].err = fmt.Errorf("%w: %s at %s (%s): %w", ErrProjectorFailed, projs[j].Name(), rec.Position, rec.Type, f.err)
	}
	return states
}

// tryBatch applies the batch in one transaction, projector j applying only
// its first stops[j] records. It commits when no projector failed;
// otherwise it rolls back and returns the first failure.
func (r *Runner) tryBatch(ctx context.Context, begin beginFunc, states []projState, b *batch, stops []int) ([]projState, []failure, error) {
	tx, err := begin(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("projections: begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tx.Rollback()
		}
	}()
	next := append([]projState(nil), states...)
	for j, p := range r.projs {
		if next[j].failed {
			continue
		}
		cp, f, err := r.applyOne(ctx, tx, p, next[j].cp, b, stops[j])
		if err != nil {
			return nil, nil, err
		}
		if f != nil {
			// Stop at the first failure: some databases refuse every
			// later statement of a transaction that saw an error, which
			// would wrongly fail the projectors after this one.
			f.proj = j
			return nil, []failure{*f}, nil
		}
		next[j].cp = cp
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("projections: commit: %w", err)
	}
	committed = true
	return next, nil, nil
}

// applyOne applies the first stop records of the batch to p inside tx and
// moves its checkpoint. The checkpoint is read from tx (another process
// may have moved it); a projector whose checkpoint lies before the batch
// is left for a later read.
func (r *Runner) applyOne(ctx context.Context, tx ontology.Tx, p Projector, cached eventstore.Position, b *batch, stop int) (eventstore.Position, *failure, error) {
	cp, err := readCheckpoint(ctx, tx.Checkpoint, p.Name())
	if err != nil {
		return cached, nil, err
	}
	if cp.Less(b.after) {
		return cp, nil, nil
	}
	start := cp
	for i, rec := range b.recs[:stop] {
		if !cp.Less(rec.Position) {
			continue
		}
		if p.Handles(rec.Type) {
			if err := r.applyRecord(ctx, tx, p, b, i); err != nil {
				if transient(ctx, err) {
					return cached, nil, err
				}
				return cached, &failure{rec: i, err: err}, nil
			}
		}
		cp = rec.Position
	}
	if cp != start {
		if err := tx.SetCheckpoint(ctx, p.Name(), cp.String()); err != nil {
			return cached, nil, fmt.Errorf("projections: set checkpoint of %s: %w", p.Name(), err)
		}
	}
	return cp, nil, nil
}

// applyRecord decodes record i (once per batch) and applies it to p.
func (r *Runner) applyRecord(ctx context.Context, tx ontology.Tx, p Projector, b *batch, i int) error {
	d := &b.dec[i]
	if !d.done {
		d.ev, d.meta, d.err = r.codec.Decode(ctx, b.recs[i])
		d.done = !transient(ctx, d.err)
	}
	if d.err != nil {
		return d.err
	}
	return p.Apply(ctx, tx, b.recs[i], d.ev, d.meta)
}

// transient reports whether err is a storage or cancellation error, which
// is retried rather than blamed on the event.
func transient(ctx context.Context, err error) bool {
	return err != nil && (ctx.Err() != nil || errors.Is(err, domain.ErrUnavailable) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}
