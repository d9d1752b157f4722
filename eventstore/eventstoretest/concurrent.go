package eventstoretest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

const (
	writers         = 32
	eventsPerWriter = 20
)

// written is what a writer appended, with the position Append returned.
type written struct {
	id  string
	pos eventstore.Position
}

// runWriters starts n writers, each appending perWriter single events to
// its own stream at exact versions; every third append also adds an event
// to the shared "hot" stream with Any. It returns what was written.
func runWriters(t *testing.T, s eventstore.Store, n, perWriter int) []written {
	t.Helper()
	var (
		mu  sync.Mutex
		out []written
		wg  sync.WaitGroup
	)
	errs := make(chan error, n)
	ctx := ctxT(t)
	for w := range n {
		wg.Go(func() {
			stream := fmt.Sprintf("writer-%d", w)
			for i := range perWriter {
				reqs := []eventstore.AppendRequest{{Stream: stream, Expected: eventstore.Exactly(uint64(i)), Events: events(1)}}
				if i%3 == 0 {
					reqs = append(reqs, eventstore.AppendRequest{Stream: "hot", Expected: eventstore.Any, Events: events(1)})
				}
				pos, err := s.Append(ctx, reqs...)
				if err != nil {
					errs <- fmt.Errorf("writer %d append %d: %w", w, i, err)
					return
				}
				mu.Lock()
				for _, r := range reqs {
					out = append(out, written{id: r.Events[0].ID})
				}
				out[len(out)-1].pos = pos
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return out
}

// checkExactlyOnce verifies that the log holds every written event exactly
// once, in strictly increasing positions, with each stream's versions
// consecutive in log order and Append's returned positions matching.
func checkExactlyOnce(t *testing.T, log []eventstore.Record, want []written) {
	t.Helper()
	checkOrdered(t, log)
	if len(log) != len(want) {
		t.Fatalf("log has %d records, %d were written", len(log), len(want))
	}
	byID := map[string]eventstore.Position{}
	versions := map[string]uint64{}
	for _, r := range log {
		if _, dup := byID[r.ID]; dup {
			t.Fatalf("event %s appears twice", r.ID)
		}
		byID[r.ID] = r.Position
		if r.Version != versions[r.Stream]+1 {
			t.Fatalf("stream %s: version %d follows %d in log order", r.Stream, r.Version, versions[r.Stream])
		}
		versions[r.Stream] = r.Version
	}
	for _, w := range want {
		pos, ok := byID[w.id]
		if !ok {
			t.Fatalf("event %s was acknowledged but is missing", w.id)
		}
		if !w.pos.IsZero() && pos != w.pos {
			t.Fatalf("Append returned %s, the record is at %s", w.pos, pos)
		}
	}
}

// testConcurrentWriters: 32 writers; every event exactly once, one order.
func testConcurrentWriters(t *testing.T, h Harness) {
	s := open(t, h)
	want := runWriters(t, s, writers, eventsPerWriter)
	checkExactlyOnce(t, readAll(t, s, 64), want)
	if got := readStream(t, s, "writer-7", 0); len(got) != eventsPerWriter {
		t.Errorf("writer-7 has %d events, want %d", len(got), eventsPerWriter)
	}
}

// testFollowerNeverSkips: a reader paging through ReadAll while writers
// append sees exactly the final log, in the same order, with nothing
// skipped.
func testFollowerNeverSkips(t *testing.T, h Harness) {
	s := open(t, h)
	done := make(chan struct{})
	seen := make(chan []eventstore.Record, 1)
	go func() { seen <- follow(t, s, done) }()
	want := runWriters(t, s, 8, 30)
	close(done)
	followed := <-seen
	final := readAll(t, s, 1000)
	checkExactlyOnce(t, final, want)
	if len(followed) != len(final) {
		t.Fatalf("follower saw %d records, the log has %d", len(followed), len(final))
	}
	for i := range final {
		if followed[i].ID != final[i].ID || followed[i].Position != final[i].Position {
			t.Fatalf("follower record %d is %s@%s, log has %s@%s",
				i, followed[i].ID, followed[i].Position, final[i].ID, final[i].Position)
		}
	}
}

// follow pages through ReadAll by 7 until done is closed and a read after
// that comes back empty, and returns everything it saw.
func follow(t *testing.T, s eventstore.Store, done <-chan struct{}) []eventstore.Record {
	ctx := ctxT(t)
	var got []eventstore.Record
	var after eventstore.Position
	finished := false
	for {
		recs, err := s.ReadAll(ctx, after, 7)
		if err != nil {
			t.Errorf("follower ReadAll: %v", err)
			return got
		}
		if len(recs) == 0 && finished {
			return got
		}
		if len(recs) > 0 {
			got = append(got, recs...)
			after = recs[len(recs)-1].Position
		}
		select {
		case <-done:
			finished = true // one more empty read after the writers are done
		default:
		}
	}
}
