package compliance

import (
	"context"

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

// Replay finds the last record at or before the bound, then has Into
// project the log as it stood there (reads stop at that record and the
// head is its position). Personal data of people erased since stays
// empty: their keys are gone. Replaying writes nothing to the log.
func (s *Service) Replay(ctx context.Context, in ReplayInput) (ReplayResult, error) {
	until, n, err := s.resolve(ctx, in.Until)
	if err != nil {
		return ReplayResult{}, err
	}
	if err := in.Into.Rebuild(ctx, boundedStore{Store: s.app.Store, until: until}, n); err != nil {
		return ReplayResult{}, err
	}
	return ReplayResult{Until: until, Events: n}, nil
}

// resolve scans the log for the last record within the bound and counts
// the records up to it.
func (s *Service) resolve(ctx context.Context, b Bound) (eventstore.Position, uint64, error) {
	var last eventstore.Position
	var n uint64
	for {
		recs, err := s.app.Store.ReadAll(ctx, last, 5000)
		if err != nil || len(recs) == 0 {
			return last, n, err
		}
		for _, r := range recs {
			if !b.Includes(r) {
				return last, n, nil
			}
			last, n = r.Position, n+1
		}
	}
}

// boundedStore is the log as it stood at until: reads stop there and the
// head is until (a record's position).
type boundedStore struct {
	eventstore.Store
	until eventstore.Position
}

// ReadAll implements eventstore.Store, cut at the bound.
func (b boundedStore) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	if !after.Less(b.until) {
		return nil, nil
	}
	recs, err := b.Store.ReadAll(ctx, after, limit)
	for i, r := range recs {
		if b.until.Less(r.Position) {
			return recs[:i], err
		}
	}
	return recs, err
}

// Head implements eventstore.Store.
func (b boundedStore) Head(context.Context) (eventstore.Position, error) { return b.until, nil }
