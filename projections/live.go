package projections

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

// step reads and applies one batch of the live loop; it reports whether
// the loop should read again at once: records were applied and the log may
// hold more. A short batch from a fresh read was the end of the log when
// read, after the caller took its wake-up channel: the caller waits for
// the next commit instead of reading an empty batch. While catching up,
// batches come from the prefetcher *pf (see nextBatch); a prefetched batch
// may predate the caller's wake-up channel, so after it the loop reads
// again, and an empty one is confirmed by a fresh read.
func (r *Runner) step(ctx context.Context, pf **prefetcher) (bool, error) {
	r.applyMu.Lock()
	defer r.applyMu.Unlock()
	states := r.snapshot()
	head, err := r.store.Head(ctx)
	if err != nil {
		return false, fmt.Errorf("projections: head: %w", err)
	}
	after, ok := minCheckpoint(states)
	if !ok {
		stopPrefetch(pf)
		r.publish(states, head)
		return false, nil
	}
	b, fresh, err := r.nextBatch(ctx, pf, after)
	if err != nil || len(b.recs) == 0 {
		if err == nil {
			r.publish(states, head)
		}
		return false, err
	}
	next, err := r.runBatch(ctx, r.read.Begin, states, b, nil)
	if err != nil {
		stopPrefetch(pf)
		return false, err
	}
	for j := range next {
		if next[j].failed && !states[j].failed && r.opts.OnError != nil {
			r.opts.OnError(next[j].err)
		}
	}
	r.publish(next, head)
	return !fresh || len(b.recs) == r.opts.BatchSize, nil
}

// nextBatch returns the batch after the position: the prefetched one when
// the prefetcher is there and found records, a fresh read otherwise
// (fresh). A full fresh batch means the loop is behind: the prefetcher
// then reads and decodes the following batches while this one is applied.
func (r *Runner) nextBatch(ctx context.Context, pf **prefetcher, after eventstore.Position) (b *batch, fresh bool, err error) {
	if *pf != nil {
		b, err := (*pf).next(ctx)
		if err == nil && b.after == after && len(b.recs) > 0 {
			return b, false, nil
		}
		stopPrefetch(pf)
	}
	b, err = r.readBatch(ctx, after, r.opts.BatchSize)
	if err == nil && len(b.recs) == r.opts.BatchSize {
		*pf = r.prefetch(ctx, b.recs[len(b.recs)-1].Position, r.opts.BatchSize)
	}
	return b, true, err
}

// stopPrefetch stops and forgets *pf, if any.
func stopPrefetch(pf **prefetcher) {
	if *pf != nil {
		(*pf).stop()
		*pf = nil
	}
}
