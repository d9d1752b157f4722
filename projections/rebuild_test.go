package projections

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/google/go-cmp/cmp"
)

// TestRebuildWhileRunning rebuilds while the live runner follows a log
// that keeps growing; afterwards the rows equal a fresh replay.
func TestRebuildWhileRunning(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			loadFiles(t, st, codec, "lifecycle")
			read := rs.open(t)
			r := newRunner(t, st, codec, read, All(), Options{BatchSize: 3, RebuildBatchSize: 3})
			start(t, r)

			// Each progress report appends the next event, so the log grows
			// while the rebuild runs: during its first pass (live loop
			// running) and its final catch-up (live loop paused).
			pending := loadStream(t, "testdata/security.events.json")
			var last [2]uint64
			calls := 0
			err := r.Rebuild(context.Background(), func(done, total uint64) {
				if done < last[0] || done > total {
					t.Errorf("progress(%d, %d) after (%d, %d)", done, total, last[0], last[1])
				}
				last, calls = [2]uint64{done, total}, calls+1
				if len(pending) > 0 {
					appendStream(t, context.Background(), st, codec, pending[:1])
					pending = pending[1:]
				}
			})
			if err != nil {
				t.Fatalf("Rebuild = %v", err)
			}
			t.Logf("%d records, %d progress reports during the rebuild, %d events appended after", last[0], calls, len(pending))
			head := appendStream(t, context.Background(), st, codec, pending)
			if len(pending) == 0 {
				if head, err = st.Head(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			if err := waitFor(r, head); err != nil {
				t.Fatal(err)
			}
			if calls == 0 || last[0] < 14 {
				t.Errorf("progress called %d times, last %v; want at least the 14 records there at the start", calls, last)
			}
			if diff := cmp.Diff(dumpAll(t, context.Background(), read), replayFresh(t, rs, st, codec)); diff != "" {
				t.Errorf("rows after rebuild (-got +want):\n%s", diff)
			}
		})
	}
}

// TestRebuildFailureKeepsLiveTables: a projector failing during the
// rebuild aborts it and the live rows stay as they were.
func TestRebuildFailureKeepsLiveTables(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			loadFiles(t, st, codec, "lifecycle")
			appendBogusRefresh(t, st, codec)
			head := loadFiles(t, st, codec, "security")
			read := rs.open(t)
			r := newRunner(t, st, codec, read, All(), Options{})
			start(t, r)
			if err := waitFor(r, head); !errors.Is(err, ErrProjectorFailed) {
				t.Fatalf("WaitFor = %v, want ErrProjectorFailed", err)
			}
			before := dumpAll(t, context.Background(), read)
			err := r.Rebuild(context.Background(), nil)
			if !errors.Is(err, ErrProjectorFailed) || !errors.Is(err, ErrMissingRow) {
				t.Fatalf("Rebuild = %v, want ErrProjectorFailed and ErrMissingRow", err)
			}
			if diff := cmp.Diff(dumpAll(t, context.Background(), read), before); diff != "" {
				t.Errorf("live rows changed by a failed rebuild (-got +want):\n%s", diff)
			}
			if !statusOf(t, r, ThingsName).Failed {
				t.Errorf("things.v1 healthy after a failed rebuild")
			}
		})
	}
}

// flaky fails its projector on one event type while broken is set, like a
// bug fixed by the time of the rebuild.
type flaky struct {
	Projector
	typ    string
	broken *atomic.Bool
}

var errFlaky = errors.New("flaky projector")

func (f flaky) Apply(ctx context.Context, w ontology.Writer, rec eventstore.Record, ev domain.Event, meta domain.Metadata) error {
	if f.broken.Load() && rec.Type == f.typ {
		return errFlaky
	}
	return f.Projector.Apply(ctx, w, rec, ev, meta)
}

// TestRebuildHealsFailedProjector: once the cause is gone, a rebuild
// brings the failed projector back and its rows are complete.
func TestRebuildHealsFailedProjector(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			head := loadFiles(t, st, codec, "lifecycle", "security")
			read := rs.open(t)
			var broken atomic.Bool
			broken.Store(true)
			ps := All()
			ps[1] = flaky{Projector: ps[1], typ: "person.profile_updated", broken: &broken}
			r := newRunner(t, st, codec, read, ps, Options{})
			start(t, r)
			if err := waitFor(r, head); !errors.Is(err, errFlaky) {
				t.Fatalf("WaitFor = %v, want the flaky error", err)
			}
			broken.Store(false)
			if err := r.Rebuild(context.Background(), nil); err != nil {
				t.Fatalf("Rebuild = %v", err)
			}
			if err := waitFor(r, head); err != nil {
				t.Fatalf("WaitFor after rebuild = %v", err)
			}
			if s := statusOf(t, r, PeopleName); s.Failed || s.Checkpoint != head {
				t.Errorf("people status = %+v, want healthy at %s", s, head)
			}
			if diff := cmp.Diff(dumpAll(t, context.Background(), read), replayFresh(t, rs, st, codec)); diff != "" {
				t.Errorf("rows after healing rebuild (-got +want):\n%s", diff)
			}
		})
	}
}

// TestRebuildRunsOnce: a second Rebuild during the first is refused.
func TestRebuildRunsOnce(t *testing.T) {
	st, codec := newLog(t)
	loadFiles(t, st, codec, "lifecycle")
	r := newRunner(t, st, codec, readStores()[0].open(t), All(), Options{BatchSize: 5, RebuildBatchSize: 5})
	var inner error
	err := r.Rebuild(context.Background(), func(done, total uint64) {
		if inner == nil {
			inner = r.Rebuild(context.Background(), nil)
		}
	})
	if err != nil {
		t.Fatalf("Rebuild = %v", err)
	}
	if !errors.Is(inner, ErrRebuildRunning) {
		t.Fatalf("nested Rebuild = %v, want ErrRebuildRunning", inner)
	}
}

// TestRebuildKeepsOtherSubscribersCheckpoints: a checkpoint named in
// KeepCheckpoints (the outbox mailer's) or by KeepCheckpointsOf (the
// webhook endpoints') survives a rebuild; others do not.
func TestRebuildKeepsOtherSubscribersCheckpoints(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			ctx := context.Background()
			st, codec := newLog(t)
			loadFiles(t, st, codec, "lifecycle")
			read := rs.open(t)
			tx, err := read.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{"mail.v1", "stray.v1", "webhook.W1"} {
				if err := tx.SetCheckpoint(ctx, name, "0.7"); err != nil {
					t.Fatal(err)
				}
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			r := newRunner(t, st, codec, read, All(), Options{KeepCheckpoints: []string{"mail.v1"},
				KeepCheckpointsOf: func(context.Context) ([]string, error) { return []string{"webhook.W1"}, nil }})
			if err := r.Rebuild(ctx, nil); err != nil {
				t.Fatalf("Rebuild = %v", err)
			}
			for name, want := range map[string]string{"mail.v1": "0.7", "webhook.W1": "0.7", "stray.v1": ""} {
				if got, _ := read.Checkpoint(ctx, name); got != want {
					t.Errorf("checkpoint %s after the rebuild = %q, want %q", name, got, want)
				}
			}
		})
	}
}

// TestRebuildCarriedRowsEqualReplay: a rebuild whose batches are a few
// records long, so rows are carried across many batches (erasures among
// them), leaves the same rows as a live replay of the same log.
func TestRebuildCarriedRowsEqualReplay(t *testing.T) {
	for _, rs := range readStores() {
		t.Run(rs.name, func(t *testing.T) {
			st, codec := newLog(t)
			loadFiles(t, st, codec, "lifecycle", "accounts", "security", "erasure")
			want := replayFresh(t, rs, st, codec)
			for _, size := range []int{1, 4, 500} {
				read := rs.open(t)
				r := newRunner(t, st, codec, read, All(), Options{RebuildBatchSize: size})
				if err := r.Rebuild(context.Background(), nil); err != nil {
					t.Fatalf("batches of %d: Rebuild = %v", size, err)
				}
				if diff := cmp.Diff(dumpAll(t, context.Background(), read), want); diff != "" {
					t.Errorf("batches of %d: rows after rebuild (-got +want):\n%s", size, diff)
				}
			}
		})
	}
}
