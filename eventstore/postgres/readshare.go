package postgres

import (
	"context"
	"slices"
	"sync"

	"github.com/authledger/authledger/eventstore"
)

// readShare lets concurrent ReadAll calls for one position share a page
// read. Every commit wakes all followers at once (projections, indexes,
// the audit chain), and most of them wait at the same position: without
// sharing, each ran the horizon and page statements itself.
//
// Sharing must not lose a wake-up. A follower takes Changed() and then
// calls ReadAll; a commit whose wake-up came before that must be in the
// page (or wait beyond the horizon, which the ticker covers), and a later
// one closes the channel it waits on. So a call joins only a read begun
// since the last wake-up before the call (same waker generation): that
// read started after every such commit. A read of a larger limit serves a
// smaller one: the first records of a page are the page of the smaller
// limit. Nothing is kept after a read ends.
type readShare struct {
	mu      sync.Mutex
	flights []*readFlight
}

// readFlight is one page read in progress.
type readFlight struct {
	after eventstore.Position
	limit int
	gen   uint64 // waker generation when the read was begun
	done  chan struct{}
	// joined counts the calls waiting for this read (under readShare.mu);
	// when there are any, recs is a copy that only they read.
	joined int
	recs   []eventstore.Record
	err    error
}

// read returns the page after the position, from a read that a concurrent
// call of generation ≥ gen began, or from its own read with fetch. Errors
// are fetch's, or ctx's when the caller stops waiting.
func (r *readShare) read(ctx context.Context, gen uint64, after eventstore.Position, limit int,
	fetch func(context.Context, eventstore.Position, int) ([]eventstore.Record, error)) ([]eventstore.Record, error) {
	r.mu.Lock()
	if f := r.find(gen, after, limit); f != nil {
		f.joined++
		r.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if f.err != nil {
			return nil, f.err
		}
		return copyRecords(f.recs[:min(limit, len(f.recs))]), nil
	}
	f := &readFlight{after: after, limit: limit, gen: gen, done: make(chan struct{})}
	r.flights = append(r.flights, f)
	r.mu.Unlock()
	// Others may wait on this read: it runs to its end (statement timeout)
	// even if this caller leaves.
	recs, err := fetch(context.WithoutCancel(ctx), after, limit)
	r.mu.Lock()
	r.flights = slices.DeleteFunc(r.flights, func(g *readFlight) bool { return g == f })
	if f.joined > 0 {
		f.recs, f.err = copyRecords(recs), err // this caller may change recs
	}
	r.mu.Unlock()
	close(f.done)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	return recs, err
}

// find returns a read in progress that a call of generation gen may
// share, or nil.
func (r *readShare) find(gen uint64, after eventstore.Position, limit int) *readFlight {
	for _, f := range r.flights {
		if f.after == after && f.limit >= limit && f.gen >= gen {
			return f
		}
	}
	return nil
}

// copyRecords copies records and their bodies: every caller gets records
// of its own, as from a read of its own.
func copyRecords(recs []eventstore.Record) []eventstore.Record {
	out := make([]eventstore.Record, len(recs))
	for i, rec := range recs {
		rec.Data, rec.Meta = slices.Clone(rec.Data), slices.Clone(rec.Meta)
		out[i] = rec
	}
	return out
}
