package projections

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

// step reads and applies one batch of the live loop; it returns the number
// of records applied (0 when caught up). While catching up, batches come
// from the prefetcher *pf (see nextBatch); an empty prefetched batch may
// predate the caller's wake-up channel, so it is confirmed by a fresh read.
func (r *Runner) step(ctx context.Context, pf **prefetcher) (int, error) {
	r.applyMu.Lock()
	defer r.applyMu.Unlock()
	states := r.snapshot()
	head, err := r.store.Head(ctx)
	if err != nil {
		return 0, fmt.Errorf("projections: head: %w", err)
	}
	after, ok := minCheckpoint(states)
	if !ok {
		stopPrefetch(pf)
		r.publish(states, head)
		return 0, nil
	}
	b, err := r.nextBatch(ctx, pf, after)
	if err != nil || len(b.recs) == 0 {
		if err == nil {
			r.publish(states, head)
		}
		return 0, err
	}
	next, err := r.runBatch(ctx, r.read.Begin, states, b, nil)
	if err != nil {
		stopPrefetch(pf)
		return 0, err
	}
	for j := range next {
		if next[j].failed && !states[j].failed && r.opts.OnError != nil {
			r.opts.OnError(next[j].err)
		}
	}
	r.publish(next, head)
	return len(b.recs), nil
}

// nextBatch returns the batch after the position: the prefetched one when
// the prefetcher is there and found records, a fresh read otherwise. A
// full fresh batch means the loop is behind: the prefetcher then reads and
// decodes the following batches while this one is applied.
func (r *Runner) nextBatch(ctx context.Context, pf **prefetcher, after eventstore.Position) (*batch, error) {
	if *pf != nil {
		b, err := (*pf).next(ctx)
		if err == nil && b.after == after && len(b.recs) > 0 {
			return b, nil
		}
		stopPrefetch(pf)
	}
	b, err := r.readBatch(ctx, after, r.opts.BatchSize)
	if err == nil && len(b.recs) == r.opts.BatchSize {
		*pf = r.prefetch(ctx, b.recs[len(b.recs)-1].Position, r.opts.BatchSize)
	}
	return b, err
}

// stopPrefetch stops and forgets *pf, if any.
func stopPrefetch(pf **prefetcher) {
	if *pf != nil {
		(*pf).stop()
		*pf = nil
	}
}
