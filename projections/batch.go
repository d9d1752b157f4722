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

// failure is a projector stopped at a record of the batch (rec −1: at the
// flush of its coalesced rows).
type failure struct {
	proj int
	rec  int
	err  error
}

// readBatch reads up to limit records after the position.
func (r *Runner) readBatch(ctx context.Context, after eventstore.Position, limit int) (*batch, error) {
	recs, err := r.store.ReadAll(ctx, after, limit)
	if err != nil {
		return nil, fmt.Errorf("projections: read after %s: %w", after, err)
	}
	return &batch{after: after, recs: recs, dec: make([]decoded, len(recs))}, nil
}

// runBatch applies b to every healthy projector in states and returns the
// new states. A projector whose event fails is marked failed and the batch
// is re-run with that projector stopping just before it, so the others
// still commit. Storage errors (and ctx's) are returned as is: nothing was
// committed. carried, in a rebuild, holds each projector's rows carried
// across batches (nil otherwise).
func (r *Runner) runBatch(ctx context.Context, begin beginFunc, states []projState, b *batch, carried []*tables) ([]projState, error) {
	if len(b.recs) == 0 {
		return states, nil
	}
	stops := make([]int, len(states)) // records each projector may apply
	for i := range stops {
		stops[i] = len(b.recs)
	}
	direct := make([]bool, len(states)) // write through, without coalescing
	failed := map[int]failure{}
	for range 2*len(states) + 1 {
		next, f, err := r.tryBatch(ctx, begin, states, b, stops, direct, carried)
		switch {
		case err != nil:
			return nil, err
		case f == nil:
			return markFailed(r.projs, next, b, failed), nil
		case f.rec < 0:
			direct[f.proj] = true // replay unbuffered to find the failing event
		default:
			stops[f.proj] = f.rec
			failed[f.proj] = *f
		}
	}
	return nil, errors.New("projections: batch failures did not settle") // cannot happen: each round fails or unbuffers one more projector
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
// its first stops[j] records (through a coalescer unless direct[j]). It
// commits when no projector failed, then updates the carried rows;
// otherwise it rolls back and returns the first failure.
func (r *Runner) tryBatch(ctx context.Context, begin beginFunc, states []projState, b *batch, stops []int, direct []bool, carried []*tables) ([]projState, *failure, error) {
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
	checkpoint, err := r.checkpointsOf(ctx, tx, next)
	if err != nil {
		return nil, nil, err
	}
	var afters []func()
	for j, p := range r.projs {
		if next[j].failed {
			continue
		}
		var under *tables
		if carried != nil {
			under = carried[j]
		}
		cp, after, f, err := r.applyOne(ctx, tx, checkpoint, p, next[j].cp, b, stops[j], direct[j], under)
		if err != nil {
			return nil, nil, err
		}
		if f != nil {
			// Stop at the first failure: some databases refuse every
			// later statement of a transaction that saw an error, which
			// would wrongly fail the projectors after this one.
			f.proj = j
			return nil, f, nil
		}
		next[j].cp = cp
		if after != nil {
			afters = append(afters, after)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("projections: commit: %w", err)
	}
	committed = true
	for _, after := range afters {
		after()
	}
	return next, nil, nil
}

// checkpointsOf returns how tryBatch reads the checkpoints of the healthy
// projectors in tx: all of them in one statement when tx is an
// ontology.CheckpointsReader, read at the start of the batch (tx holds the
// store's writer, so no other process moves them until it ends), else
// tx.Checkpoint one at a time.
func (r *Runner) checkpointsOf(ctx context.Context, tx ontology.Tx, states []projState) (func(context.Context, string) (string, error), error) {
	cr, ok := tx.(ontology.CheckpointsReader)
	if !ok {
		return tx.Checkpoint, nil
	}
	names := make([]string, 0, len(r.projs))
	for j, p := range r.projs {
		if !states[j].failed {
			names = append(names, p.Name())
		}
	}
	cps, err := cr.Checkpoints(ctx, names)
	if err != nil {
		return nil, fmt.Errorf("projections: checkpoints: %w", err)
	}
	return func(_ context.Context, name string) (string, error) { return cps[name], nil }, nil
}

// applyOne applies the first stop records of the batch to p inside tx and
// moves its checkpoint. The checkpoint is read through checkpoint, from tx
// (another process may have moved it); a projector whose checkpoint lies before the batch
// is left for a later read. A failure with rec −1 means the coalesced
// rows could not be written: the caller replays p with direct writes
// (after writing the rows carried for it, under, so that its reads see
// them). The returned function, if any, must run once tx has committed.
func (r *Runner) applyOne(ctx context.Context, tx ontology.Tx, checkpoint func(context.Context, string) (string, error), p Projector, cached eventstore.Position, b *batch, stop int, direct bool, under *tables) (eventstore.Position, func(), *failure, error) {
	cp, err := readCheckpoint(ctx, checkpoint, p.Name())
	if err != nil {
		return cached, nil, nil, err
	}
	if cp.Less(b.after) {
		return cp, nil, nil, nil
	}
	var w ontology.Writer = tx
	co := &coalescer{tx: tx, under: under}
	switch {
	case !direct:
		w = co
	case under != nil:
		if err := under.write(ctx, tx); err != nil {
			return cached, nil, nil, err
		}
	}
	start := cp
	for i, rec := range b.recs[:stop] {
		if !cp.Less(rec.Position) {
			continue
		}
		if p.Handles(rec.Type) {
			if err := r.applyRecord(ctx, w, p, b, i); err != nil {
				if transient(ctx, err) {
					return cached, nil, nil, err
				}
				return cached, nil, &failure{rec: i, err: err}, nil
			}
		}
		cp = rec.Position
	}
	after, err := co.finish(ctx, direct)
	if err != nil {
		if transient(ctx, err) {
			return cached, nil, nil, err
		}
		return cached, nil, &failure{rec: -1, err: err}, nil
	}
	if cp != start {
		if err := tx.SetCheckpoint(ctx, p.Name(), cp.String()); err != nil {
			return cached, nil, nil, fmt.Errorf("projections: set checkpoint of %s: %w", p.Name(), err)
		}
	}
	return cp, after, nil, nil
}

// applyRecord decodes record i (once per batch) and applies it to p.
func (r *Runner) applyRecord(ctx context.Context, w ontology.Writer, p Projector, b *batch, i int) error {
	d := &b.dec[i]
	if !d.done {
		d.ev, d.meta, d.err = r.codec.DecodeEvent(ctx, b.recs[i])
		d.done = !transient(ctx, d.err)
	}
	if d.err != nil {
		return d.err
	}
	return p.Apply(ctx, w, b.recs[i], d.ev, d.meta)
}

// transient reports whether err is a storage or cancellation error, which
// is retried rather than blamed on the event.
func transient(ctx context.Context, err error) bool {
	return err != nil && (ctx.Err() != nil || errors.Is(err, domain.ErrUnavailable) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}
