package projections

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Rebuild projects the whole log from the start into staged tables
// (ontology.Store.Stage) while the live projection keeps serving, pauses
// the live loop, catches up the last records, promotes the staged tables
// and resumes: readers never see a partial projection. progress, when not
// nil, is called after every batch with the records done and the total
// (the head's Lo word at the start, exact for memory and SQLite, raised to
// done when more records arrive). A projector failing during the rebuild
// aborts it with ErrProjectorFailed: the staging is discarded and the live
// tables stay. After a successful rebuild every projector is healthy.
func (r *Runner) Rebuild(ctx context.Context, progress func(done, total uint64)) error {
	_, err := r.RebuildTimed(ctx, progress)
	return err
}

// RebuildTimes is how long each phase of a rebuild took: what an operator
// needs to see where a slow rebuild spends its time.
type RebuildTimes struct {
	// CatchUp is staging and projecting the log, the final catch-up with
	// the live loop paused included.
	CatchUp time.Duration
	// Carried is writing the rows carried across batches and the
	// checkpoints carried over from the live tables.
	Carried time.Duration
	// Promote is swapping the staged tables in, their index builds included.
	Promote time.Duration
}

// RebuildTimed is Rebuild, also returning how long each phase took. On an
// error the phase that failed and those after it are zero.
func (r *Runner) RebuildTimed(ctx context.Context, progress func(done, total uint64)) (RebuildTimes, error) {
	var t RebuildTimes
	if !r.rebuildMu.TryLock() {
		return t, ErrRebuildRunning
	}
	defer r.rebuildMu.Unlock()
	start := time.Now()
	head, err := r.store.Head(ctx)
	if err != nil {
		return t, fmt.Errorf("projections: head: %w", err)
	}
	st, err := r.read.Stage(ctx)
	if err != nil {
		return t, fmt.Errorf("projections: stage: %w", err)
	}
	promoted := false
	defer func() {
		if !promoted {
			_ = st.Discard(context.WithoutCancel(ctx))
		}
	}()
	rb := &rebuild{r: r, st: st, states: make([]projState, len(r.projs)), total: head.Lo, progress: progress,
		carried: make([]*tables, len(r.projs))}
	for j := range rb.carried {
		rb.carried[j] = &tables{}
	}
	if err := rb.catchUp(ctx, &head); err != nil {
		return t, err
	}
	r.applyMu.Lock() // pause the live loop
	defer r.applyMu.Unlock()
	if err := rb.catchUp(ctx, nil); err != nil {
		return t, err
	}
	t.CatchUp = time.Since(start)
	start = time.Now()
	if err := rb.writeCarried(ctx); err != nil {
		return t, fmt.Errorf("projections: rebuild: %w", err)
	}
	if err := r.carryCheckpoints(ctx, st); err != nil {
		return t, err
	}
	t.Carried = time.Since(start)
	start = time.Now()
	if err := st.Promote(ctx); err != nil {
		return t, fmt.Errorf("projections: promote: %w", err)
	}
	t.Promote = time.Since(start)
	promoted = true
	r.publish(rb.states, eventstore.Position{})
	return t, nil
}

// rebuild is the state of one Rebuild.
type rebuild struct {
	r        *Runner
	st       ontology.Staging
	states   []projState
	done     uint64
	total    uint64
	progress func(done, total uint64)
	carried  []*tables // per projector: rows coalesced across batches (carry.go)
}

// catchUp projects batches into the staging until every projector reaches
// target, or until the log is exhausted when target is nil. Batches are
// read and decoded ahead by a prefetcher; storage errors are retried with
// the runner's backoff.
func (rb *rebuild) catchUp(ctx context.Context, target *eventstore.Position) error {
	retry := rb.r.opts.RetryMin
	var pf *prefetcher
	defer func() {
		if pf != nil {
			pf.stop()
		}
	}()
	var b *batch
	for {
		after, _ := minCheckpoint(rb.states)
		if target != nil && !after.Less(*target) {
			return nil
		}
		if pf == nil {
			pf = rb.r.prefetch(ctx, after, rb.r.opts.RebuildBatchSize)
		}
		var err error
		if b == nil {
			b, err = pf.next(ctx)
		}
		if err == nil && b.after != after {
			pf.stop() // the projectors are not where the reader is: restart it
			pf, b = nil, nil
			continue
		}
		var next []projState
		if err == nil {
			next, err = rb.r.runBatch(ctx, rb.st.Begin, rb.states, b, rb.carried)
		}
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			if rb.r.opts.OnError != nil {
				rb.r.opts.OnError(err)
			}
			if !sleep(ctx, retry) {
				return ctx.Err()
			}
			retry = min(2*retry, rb.r.opts.RetryMax)
			if b == nil { // the read failed: the prefetcher stopped
				pf.stop()
				pf = nil
			}
			continue
		}
		retry = rb.r.opts.RetryMin
		if err := rb.advance(next, len(b.recs)); err != nil || len(b.recs) == 0 {
			return err
		}
		b = nil
	}
}

// advance records a committed batch of n records and reports progress; it
// returns the error of a projector that failed in it.
func (rb *rebuild) advance(next []projState, n int) error {
	for _, s := range next {
		if s.failed {
			return fmt.Errorf("projections: rebuild: %w", s.err)
		}
	}
	rb.states = next
	rb.done += uint64(n)
	rb.total = max(rb.total, rb.done)
	if rb.progress != nil && n > 0 {
		rb.progress(rb.done, rb.total)
	}
	return nil
}

// carryCheckpoints copies the kept checkpoints of other subscribers from
// the live tables into the staging, so a rebuild does not reset them.
func (r *Runner) carryCheckpoints(ctx context.Context, st ontology.Staging) error {
	names := r.opts.KeepCheckpoints
	if r.opts.KeepCheckpointsOf != nil {
		more, err := r.opts.KeepCheckpointsOf(ctx)
		if err != nil {
			return fmt.Errorf("projections: carry checkpoints: %w", err)
		}
		names = append(slices.Clone(names), more...)
	}
	if len(names) == 0 {
		return nil
	}
	tx, err := st.Begin(ctx)
	if err != nil {
		return fmt.Errorf("projections: carry checkpoints: %w", err)
	}
	for _, name := range names {
		pos, err := r.read.Checkpoint(ctx, name)
		if err == nil && pos != "" {
			err = tx.SetCheckpoint(ctx, name, pos)
		}
		if err != nil {
			_ = tx.Rollback()
			return fmt.Errorf("projections: carry checkpoint %s: %w", name, err)
		}
	}
	return tx.Commit()
}
