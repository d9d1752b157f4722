package compliance

import (
	"context"
	"sync"

	"github.com/authledger/authledger/eventstore"
)

// Rebuilder builds fresh read models from a log: the composition root's
// projection runner over the replay target. events is how many records
// the log holds (for a progress bar).
type Rebuilder interface {
	Rebuild(ctx context.Context, log eventstore.Store, events uint64) error
}

// ReplayInput asks for the projections as they stood at Until, built by
// Into.
type ReplayInput struct {
	Until Bound
	Into  Rebuilder
}

// ReplayResult is what was replayed.
type ReplayResult struct {
	Until  eventstore.Position // the last record replayed (zero: none)
	Events uint64              // how many records
}

// Replay has Into project the log as it stood at the bound, in one pass:
// reads stop before the first record the bound excludes, as if the log
// ended there, and the records handed out are counted on the way (the log
// is not scanned first to find the bound). Into's progress total is the
// head's Lo word (exact on memory and SQLite for a position bound, an upper
// bound for a time bound). Personal data of people erased since stays
// empty: their keys are gone. Replaying writes nothing to the log.
func (s *Service) Replay(ctx context.Context, in ReplayInput) (ReplayResult, error) {
	log, err := s.bounded(ctx, in.Until)
	if err != nil {
		return ReplayResult{}, err
	}
	if err := in.Into.Rebuild(ctx, log, log.head.Lo); err != nil {
		return ReplayResult{}, err
	}
	until, n := log.result()
	return ReplayResult{Until: until, Events: n}, nil
}

// bounded returns the log as it stood at b (see boundedStore).
func (s *Service) bounded(ctx context.Context, b Bound) (*boundedStore, error) {
	head, err := s.app.Store.Head(ctx)
	if err != nil {
		return nil, err
	}
	if !b.byTime && b.pos.Less(head) {
		head = b.pos
	}
	return &boundedStore{Store: s.app.Store, bound: b, head: head}, nil
}

// boundedStore is the log as it stood at a bound: reads end before the
// first record the bound excludes (for a time bound, the first committed
// after it, in log order), and Head is the bound's position, or the log's
// head for a time bound. Reads of one replay are sequential prefixes of the
// log (a read starts after a record an earlier read handed out), so each
// sees the cut where a scan from the start would.
type boundedStore struct {
	eventstore.Store
	bound Bound
	head  eventstore.Position

	mu     sync.Mutex
	cut    eventstore.Position // the first excluded record, once read (cutSet)
	cutSet bool
	last   eventstore.Position // the newest record handed out
	n      uint64              // records handed out, each counted once
}

// ReadAll implements eventstore.Store, cut at the bound.
func (b *boundedStore) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	if b.ended(after) {
		return nil, nil
	}
	recs, err := b.Store.ReadAll(ctx, after, limit)
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, r := range recs {
		if (b.cutSet && !r.Position.Less(b.cut)) || !b.bound.Includes(r) {
			if !b.cutSet || r.Position.Less(b.cut) {
				b.cut, b.cutSet = r.Position, true
			}
			return recs[:i], err
		}
		if b.last.Less(r.Position) {
			b.last, b.n = r.Position, b.n+1
		}
	}
	return recs, err
}

// ended reports whether nothing within the bound follows after: after is
// at or past a position bound, or is the last record before the cut.
func (b *boundedStore) ended(after eventstore.Position) bool {
	if !b.bound.byTime && !after.Less(b.bound.pos) {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cutSet && after == b.last
}

// Head implements eventstore.Store.
func (b *boundedStore) Head(context.Context) (eventstore.Position, error) { return b.head, nil }

// result is the last record handed out and how many there were.
func (b *boundedStore) result() (eventstore.Position, uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.last, b.n
}
