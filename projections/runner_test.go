package projections

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/google/go-cmp/cmp"
)

// killAt wraps a projector and cancels the run's context at its n-th Apply,
// which then fails with the cancellation, as a crash in mid-batch would.
type killAt struct {
	Projector
	n      *int
	cancel context.CancelFunc
}

func (k killAt) Apply(ctx context.Context, w ontology.Writer, rec eventstore.Record, ev domain.Event, meta domain.Metadata) error {
	if *k.n--; *k.n == 0 {
		k.cancel()
		return ctx.Err()
	}
	return k.Projector.Apply(ctx, w, rec, ev, meta)
}

// TestRunnerKilledMidwayResumesExactly kills the runner at many points
// (inside batches and at their edges), restarts it each time on the same
// read store, and checks the rows equal a fresh replay: nothing doubled,
// nothing skipped.
func TestRunnerKilledMidwayResumesExactly(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			head := loadFiles(t, st, codec, "lifecycle", "security")
			want := replayFresh(t, rs, st, codec)
			read := rs.open(t)
			kills := 0
			for round := 0; round < 100; round++ {
				if !killedRun(t, st, codec, read, head, 5+round%4) {
					break
				}
				kills++
			}
			t.Logf("%d kills", kills)
			if kills < 3 {
				t.Fatalf("only %d kills happened", kills)
			}
			r := newRunner(t, st, codec, read, All(), Options{BatchSize: 4})
			start(t, r)
			if err := waitFor(r, head); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(dumpAll(t, context.Background(), read), want); diff != "" {
				t.Errorf("rows after kills (-got +want):\n%s", diff)
			}
		})
	}
}

// killedRun runs the projectors on read until they reach head or the
// events projector's kill fires at its n-th Apply (n > BatchSize, so every
// run commits at least one batch); it reports whether the kill fired.
func killedRun(t *testing.T, st eventstore.Store, codec *eventstore.Codec, read ontology.Store, head eventstore.Position, n int) bool {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ps := All()
	ps[4] = killAt{Projector: ps[4], n: &n, cancel: cancel} // events.v1 sees every record
	r := newRunner(t, st, codec, read, ps, Options{BatchSize: 4})
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	waitErr := r.WaitFor(ctx, head)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v, want context.Canceled", err)
	}
	return waitErr != nil
}
