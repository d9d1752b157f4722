package projections

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	esmemory "github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/ontology"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// testTimeout bounds every wait in these tests; it is a hang guard, not a
// timing assertion.
const testTimeout = 30 * time.Second

// readStore opens a fresh ontology.Store of one adapter.
type readStore struct {
	name string
	open func(t testing.TB) ontology.Store
}

// readStores lists the ontology adapters every golden and runner test runs on.
func readStores() []readStore {
	return append([]readStore{{name: "memory", open: func(testing.TB) ontology.Store { return ontmemory.New() }}},
		append(sqliteReadStores(), postgresReadStores()...)...)
}

// newLog returns a memory event store and a codec over it.
func newLog(t testing.TB) (eventstore.Store, *eventstore.Codec) {
	t.Helper()
	st := esmemory.New()
	t.Cleanup(func() { _ = st.Close() })
	return st, testCodec(st)
}

// loadFiles appends the named testdata streams, in order, and returns the
// head.
func loadFiles(t testing.TB, st eventstore.Store, codec *eventstore.Codec, names ...string) eventstore.Position {
	t.Helper()
	var last eventstore.Position
	for _, n := range names {
		last = appendStream(t, context.Background(), st, codec, loadStream(t, filepath.Join("testdata", n+".events.json")))
	}
	return last
}

// newRunner builds a Runner or fails the test.
func newRunner(t testing.TB, st eventstore.Store, codec *eventstore.Codec, read ontology.Store, ps []Projector, opts Options) *Runner {
	t.Helper()
	r, err := NewRunner(st, codec, read, ps, opts)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// start runs r in the background; the returned stop cancels it and checks
// that Run returned the cancellation, so no goroutine outlives the test.
func start(t testing.TB, r *Runner) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	}
	t.Cleanup(stop)
	return stop
}

// waitFor waits (bounded) for r to reach pos and returns WaitFor's error.
func waitFor(r *Runner, pos eventstore.Position) error {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	return r.WaitFor(ctx, pos)
}

// replayFresh projects the whole of st into a new read store of rs with
// all projectors and returns its rows.
func replayFresh(t testing.TB, rs readStore, st eventstore.Store, codec *eventstore.Codec) map[ontology.Dimension]any {
	t.Helper()
	read := rs.open(t)
	r := newRunner(t, st, codec, read, All(), Options{})
	stop := start(t, r)
	head, err := st.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := waitFor(r, head); err != nil {
		t.Fatal(err)
	}
	stop()
	return dumpAll(t, context.Background(), read)
}
