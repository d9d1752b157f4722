package postgres_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
)

// follower runs eventstore.Follow in the background and keeps what it saw.
type follower struct {
	mu   sync.Mutex
	recs []eventstore.Record
	got  chan struct{} // signalled after every batch
}

func startFollower(t *testing.T, s eventstore.Store) *follower {
	t.Helper()
	f := &follower{got: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- eventstore.Follow(ctx, s, eventstore.Position{}, 100, func(_ context.Context, recs []eventstore.Record) error {
			f.mu.Lock()
			f.recs = append(f.recs, recs...)
			f.mu.Unlock()
			select {
			case f.got <- struct{}{}:
			default:
			}
			return nil
		})
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != context.Canceled {
			t.Errorf("Follow returned %v, want context.Canceled", err)
		}
	})
	return f
}

func (f *follower) seen() []eventstore.Record {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]eventstore.Record(nil), f.recs...)
}

// waitFor waits until the follower has seen n records and returns them.
func (f *follower) waitFor(t *testing.T, n int) []eventstore.Record {
	t.Helper()
	timeout := time.After(guard)
	for {
		if recs := f.seen(); len(recs) >= n {
			return recs
		}
		select {
		case <-f.got:
		case <-timeout:
			t.Fatalf("follower saw %d records, want %d", len(f.seen()), n)
		}
	}
}

// readAll pages through the whole visible log.
func readAll(t *testing.T, s eventstore.Store) []eventstore.Record {
	t.Helper()
	var out []eventstore.Record
	var after eventstore.Position
	for {
		recs, err := s.ReadAll(ctxT(t), after, 50)
		if err != nil {
			t.Fatalf("ReadAll: %v", err)
		}
		if len(recs) == 0 {
			return out
		}
		out = append(out, recs...)
		after = recs[len(recs)-1].Position
	}
}

// TestFollowerWaitsForHeldTransaction holds an append transaction open
// while five other appends commit: the follower must see none of them (nor
// the held records) until the held transaction commits, then all of them in
// order, with nothing skipped. The second case holds a transaction that
// appends no records (a claim), whose commit sends no NOTIFY: the ticker
// must wake the follower.
func TestFollowerWaitsForHeldTransaction(t *testing.T) {
	tests := []struct {
		name     string
		held     eventstore.AppendRequest
		heldRecs int
		holdFor  time.Duration
	}{
		{"held transaction appends events", req("held", eventstore.NoStream, 2), 2, 5 * time.Second},
		{"held transaction only takes a claim", eventstore.AppendRequest{Stream: "held", Expected: eventstore.Any,
			Claims: []eventstore.Claim{{Kind: "email", Key: "held", Owner: "held"}}}, 0, 2 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t, postgres.Options{})
			first := mustAppend(t, s, req("first", eventstore.NoStream, 1))
			f := startFollower(t, s)
			f.waitFor(t, 1)

			release, heldDone := holdAppend(t, s, tt.held)
			const others = 5
			var after []eventstore.Position
			for i := range others {
				after = append(after, mustAppend(t, s, req(fmt.Sprintf("after-%d", i), eventstore.NoStream, 1)))
				time.Sleep(tt.holdFor / others)
			}

			// The held transaction is the blocker an operator would find.
			got := horizon(t, s)
			blocker := got.Blocker
			want := postgres.Horizon{Head: first, Committed: after[others-1], Pending: others, Blocker: blocker}
			if got != want || blocker == 0 || blocker <= first.Hi || blocker >= after[0].Hi {
				t.Fatalf("Horizon while held = %+v, want %+v with a blocker between %s and %s", got, want, first, after[0])
			}
			for _, r := range f.seen() {
				if r.Position.Hi >= blocker {
					t.Fatalf("follower saw %s@%s before the held transaction %d committed", r.Stream, r.Position, blocker)
				}
			}
			close(release)
			if err := <-heldDone; err != nil {
				t.Fatalf("held append: %v", err)
			}

			followed := f.waitFor(t, 1+tt.heldRecs+others)
			checkSameLog(t, followed, readAll(t, s))
			for i, r := range followed[1 : 1+tt.heldRecs] {
				if r.Stream != "held" || r.Version != uint64(i+1) || r.Position.Hi != blocker {
					t.Errorf("record %d = %s v%d @%s, want held v%d in transaction %d", i+1, r.Stream, r.Version, r.Position, i+1, blocker)
				}
			}
			if h := horizon(t, s); h.Pending != 0 || h.Blocker != 0 || h.Head != h.Committed {
				t.Errorf("Horizon after commit = %+v, want Head = Committed and nothing pending", h)
			}
		})
	}
}

// holdAppend starts an append of r whose transaction stays open, after
// writing, until release is closed. It returns release and the channel the
// append's error arrives on.
func holdAppend(t *testing.T, s *postgres.Store, r eventstore.AppendRequest) (release chan struct{}, done chan error) {
	t.Helper()
	inside := make(chan struct{})
	release, done = make(chan struct{}), make(chan error, 1)
	go func() {
		_, err := s.AppendHolding(ctxT(t), func(ctx context.Context) error {
			close(inside)
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, r)
		done <- err
	}()
	select {
	case <-inside:
	case err := <-done:
		t.Fatalf("held append failed early: %v", err)
	}
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	return release, done
}

// checkSameLog fails unless the followed records are exactly the log, in
// order, with strictly increasing positions.
func checkSameLog(t *testing.T, followed, log []eventstore.Record) {
	t.Helper()
	if len(followed) != len(log) {
		t.Fatalf("follower saw %d records, the log has %d", len(followed), len(log))
	}
	for i := range log {
		if followed[i].ID != log[i].ID || followed[i].Position != log[i].Position {
			t.Fatalf("followed record %d is %s@%s, the log has %s@%s", i, followed[i].ID, followed[i].Position, log[i].ID, log[i].Position)
		}
		if i > 0 && !log[i-1].Position.Less(log[i].Position) {
			t.Fatalf("position %s at %d does not follow %s", log[i].Position, i, log[i-1].Position)
		}
	}
}
