package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "events.db"), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// holdWriter occupies the writer with a job that waits for release, so
// that appends submitted meanwhile queue up and join its transaction.
func holdWriter(t *testing.T, s *Store) (release func()) {
	t.Helper()
	started, gate, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		_, err := s.submit(context.Background(), func(context.Context, *writeTx) (eventstore.Position, error) {
			close(started)
			<-gate
			return eventstore.Position{}, nil
		})
		done <- err
	}()
	<-started
	return func() {
		close(gate)
		if err := <-done; err != nil {
			t.Errorf("blocking job: %v", err)
		}
	}
}

// enqueue starts an Append and waits until it sits in the writer's queue,
// so that appends reach the batch in the order they are enqueued.
func enqueue(ctx context.Context, t *testing.T, s *Store, reqs ...eventstore.AppendRequest) <-chan error {
	t.Helper()
	before := len(s.queue)
	errc := make(chan error, 1)
	go func() {
		_, err := s.Append(ctx, reqs...)
		errc <- err
	}()
	for len(s.queue) == before {
		select {
		case err := <-errc:
			t.Fatalf("Append returned before queueing: %v", err)
		default:
		}
	}
	return errc
}

func event(id string) []eventstore.EventData {
	return []eventstore.EventData{{ID: id, Type: "test.x", Schema: 1, Data: []byte(`{}`)}}
}

// TestGroupCommitIsolatesConflicts: jobs in one transaction see each
// other's writes; a conflicting job rolls back only its own savepoint.
func TestGroupCommitIsolatesConflicts(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	release := holdWriter(t, s)
	a := enqueue(ctx, t, s, eventstore.AppendRequest{Stream: "x", Expected: eventstore.NoStream, Events: event("a")})
	b := enqueue(ctx, t, s, eventstore.AppendRequest{Stream: "x", Expected: eventstore.NoStream, Events: event("b")})
	c := enqueue(ctx, t, s,
		eventstore.AppendRequest{Stream: "c", Expected: eventstore.NoStream, Events: event("c")},
		eventstore.AppendRequest{Stream: "x", Expected: eventstore.Exactly(0), Events: event("c2")})
	d := enqueue(ctx, t, s, eventstore.AppendRequest{Stream: "x", Expected: eventstore.Exactly(1), Events: event("d")})
	release()

	wants := []struct {
		name string
		errc <-chan error
		want error
	}{{"a", a, nil}, {"b", b, eventstore.ErrWrongExpectedVersion}, {"c", c, eventstore.ErrWrongExpectedVersion}, {"d", d, nil}}
	for _, w := range wants {
		if err := <-w.errc; !errors.Is(err, w.want) || (err == nil) != (w.want == nil) {
			t.Errorf("append %s = %v, want %v", w.name, err, w.want)
		}
	}
	recs, err := s.ReadAll(ctx, eventstore.Position{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].ID != "a" || recs[1].ID != "d" || recs[1].Version != 2 {
		t.Fatalf("log = %v, want a (x v1) then d (x v2)", recs)
	}
	if !recs[0].RecordedAt.Equal(recs[1].RecordedAt) {
		t.Errorf("a and d were not committed in one transaction")
	}
}

// TestCancelWhileQueuedWritesNothing: a caller whose context ends while its
// append waits for the writer gets ctx.Err() and nothing is written.
func TestCancelWhileQueuedWritesNothing(t *testing.T) {
	s := openTest(t)
	release := holdWriter(t, s)
	ctx, cancel := context.WithCancel(context.Background())
	errc := enqueue(ctx, t, s, eventstore.AppendRequest{Stream: "y", Expected: eventstore.NoStream, Events: event("y"),
		Claims: []eventstore.Claim{{Kind: "email", Key: "k", Owner: "y"}}})
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("Append = %v, want context.Canceled", err)
	}
	release()
	if head, err := s.Head(context.Background()); err != nil || !head.IsZero() {
		t.Errorf("Head = %s, %v; want zero", head, err)
	}
	if _, err := s.LookupClaim(context.Background(), "email", "k"); !errors.Is(err, eventstore.ErrClaimNotFound) {
		t.Errorf("LookupClaim = %v, want ErrClaimNotFound", err)
	}
}
