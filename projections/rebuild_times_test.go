package projections

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/ontology"
)

// slowPromote is a read store whose stagings take at least delay to
// promote, so a test knows a lower bound of that phase.
type slowPromote struct {
	ontology.Store
	delay time.Duration
}

func (s slowPromote) Stage(ctx context.Context) (ontology.Staging, error) {
	st, err := s.Store.Stage(ctx)
	if err != nil {
		return nil, err
	}
	return slowStaging{Staging: st, delay: s.delay}, nil
}

type slowStaging struct {
	ontology.Staging
	delay time.Duration
}

func (s slowStaging) Promote(ctx context.Context) error {
	time.Sleep(s.delay)
	return s.Staging.Promote(ctx)
}

// TestRebuildTimedPhases: each phase's time includes what happened in it
// (a catch-up slowed by its progress reports, a promote slowed by the
// store), and the phases do not overlap: together they fit in the call.
// Only lower bounds are checked, so a slow machine cannot fail it.
func TestRebuildTimedPhases(t *testing.T) {
	const catchUpDelay, promoteDelay = 30 * time.Millisecond, 50 * time.Millisecond
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			loadFiles(t, st, codec, "lifecycle", "security")
			read := slowPromote{Store: rs.open(t), delay: promoteDelay}
			r := newRunner(t, st, codec, read, All(), Options{BatchSize: 5, RebuildBatchSize: 5})
			slept := false
			start := time.Now()
			times, err := r.RebuildTimed(context.Background(), func(done, total uint64) {
				if !slept {
					time.Sleep(catchUpDelay)
					slept = true
				}
			})
			wall := time.Since(start)
			if err != nil {
				t.Fatalf("RebuildTimed = %v", err)
			}
			if times.CatchUp < catchUpDelay || times.Promote < promoteDelay || times.Carried <= 0 {
				t.Errorf("times = %+v, want catch-up ≥ %s, promote ≥ %s, carried > 0", times, catchUpDelay, promoteDelay)
			}
			if sum := times.CatchUp + times.Carried + times.Promote; sum > wall {
				t.Errorf("phases sum to %s, more than the call's %s: %+v", sum, wall, times)
			}
			if rows := dumpAll(t, context.Background(), read); len(rows) == 0 {
				t.Errorf("no rows after the rebuild")
			}
		})
	}
}

// TestRebuildTimedFailure: a failed rebuild reports the phases it reached
// and zero for those it did not.
func TestRebuildTimedFailure(t *testing.T) {
	st, codec := newLog(t)
	loadFiles(t, st, codec, "lifecycle")
	appendBogusRefresh(t, st, codec)
	read := readStores()[0].open(t)
	r := newRunner(t, st, codec, read, All(), Options{})
	times, err := r.RebuildTimed(context.Background(), nil)
	if !errors.Is(err, ErrProjectorFailed) {
		t.Fatalf("RebuildTimed = %v, want ErrProjectorFailed", err)
	}
	if times != (RebuildTimes{}) {
		t.Errorf("times of a rebuild failed in its catch-up = %+v, want all zero", times)
	}
}
