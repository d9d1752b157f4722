package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
	"github.com/jackc/pgx/v5"
)

// TestConcurrentWritersOneStream: of 16 writers racing for the same
// expected version of one stream exactly one wins; the others get
// ErrWrongExpectedVersion, never another error.
func TestConcurrentWritersOneStream(t *testing.T) {
	tests := []struct {
		name     string
		existing int
		expected eventstore.ExpectedVersion
	}{
		{"no stream", 0, eventstore.NoStream},
		{"exact version", 2, eventstore.Exactly(2)},
		{"stream exists is not exclusive", 2, eventstore.StreamExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t, postgres.Options{})
			if tt.existing > 0 {
				mustAppend(t, s, req("race", eventstore.NoStream, tt.existing))
			}
			const writers = 16
			errs := make(chan error, writers)
			var wg sync.WaitGroup
			for range writers {
				wg.Go(func() {
					_, err := s.Append(ctxT(t), req("race", tt.expected, 1))
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			won := 0
			for err := range errs {
				switch {
				case err == nil:
					won++
				case !errors.Is(err, eventstore.ErrWrongExpectedVersion):
					t.Errorf("losing Append = %v, want ErrWrongExpectedVersion", err)
				}
			}
			wantWon := 1
			if tt.expected == eventstore.StreamExists {
				wantWon = writers
			}
			if won != wantWon {
				t.Errorf("%d writers won, want %d", won, wantWon)
			}
			recs, err := s.ReadStream(ctxT(t), "race", 0)
			if err != nil || len(recs) != tt.existing+wantWon {
				t.Fatalf("stream has %d records, %v; want %d", len(recs), err, tt.existing+wantWon)
			}
		})
	}
}

// TestUnavailableWhenBackendsTerminated: when an administrator terminates
// the store's connections, the next Append fails with ErrUnavailable (the
// pool hands out a dead connection), the one after succeeds on a new
// connection, and the listener reconnects and again delivers other stores'
// notifications.
func TestUnavailableWhenBackendsTerminated(t *testing.T) {
	// A long WakeInterval leaves NOTIFY as the only way another store's
	// append can wake s within the test.
	s, schema := newStore(t, postgres.Options{MaxConns: 1, WakeInterval: time.Minute})
	url := testURL(t)
	admin := adminConn(t, url)
	sessions := s.ListenSessions()
	failed := false
	// The pool pings a connection idle for over a second before handing it
	// out; should this machine be that slow, the append succeeds: try again.
	for i := 0; i < 5 && !failed; i++ {
		mustAppend(t, s, req(fmt.Sprintf("warm-%d", i), eventstore.NoStream, 1))
		terminate(t, admin, s.AppName())
		_, err := s.Append(ctxT(t), req(fmt.Sprintf("dead-%d", i), eventstore.NoStream, 1))
		if err != nil && !errors.Is(err, eventstore.ErrUnavailable) {
			t.Fatalf("Append on a terminated connection = %v, want ErrUnavailable", err)
		}
		failed = err != nil
	}
	if !failed {
		t.Fatal("no Append failed after its connection was terminated")
	}
	mustAppend(t, s, req("after", eventstore.NoStream, 1))

	waitUntil(t, "the listener reconnects", func() bool { return s.ListenSessions() > sessions })
	other := openStore(t, url, postgres.Options{Schema: schema})
	changed := s.Changed()
	mustAppend(t, other, req("from-other", eventstore.NoStream, 1))
	select {
	case <-changed:
	case <-time.After(guard):
		t.Fatal("no wake-up from another store's append after the listener reconnected")
	}
}

// terminate ends every backend with the given application_name and waits
// until they are gone.
func terminate(t *testing.T, admin *pgx.Conn, app string) {
	t.Helper()
	var pids []int32
	// OFFSET 0 keeps the planner from calling pg_terminate_backend on rows
	// before the filter has dropped them.
	err := admin.QueryRow(ctxT(t), `SELECT array_agg(pid) FROM (
		SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid() OFFSET 0) AS a
		WHERE pg_terminate_backend(pid)`, app).Scan(&pids)
	if err != nil || len(pids) == 0 {
		t.Fatalf("terminated %d backends: %v", len(pids), err)
	}
	waitUntil(t, "the backends exit", func() bool {
		var n int
		err := admin.QueryRow(ctxT(t), "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY($1)", pids).Scan(&n)
		return err == nil && n == 0
	})
}

// waitUntil polls cond until it holds, failing the test after guard.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(guard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestHeldTransactionEnds: an append whose transaction stalls ends with
// the caller's context error when the caller gives up, or with
// ErrUnavailable when it idles past IdleInTxTimeout (so a stuck writer
// cannot hold the visibility horizon for long); either way nothing is
// written and the store keeps working.
func TestHeldTransactionEnds(t *testing.T) {
	tests := []struct {
		name    string
		opts    postgres.Options
		cancel  bool
		wantErr error
	}{
		{"caller cancels", postgres.Options{}, true, context.Canceled},
		{"idle in transaction timeout", postgres.Options{IdleInTxTimeout: 200 * time.Millisecond}, false, eventstore.ErrUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t, tt.opts)
			ctx, cancel := context.WithCancel(ctxT(t))
			defer cancel()
			_, err := s.AppendHolding(ctx, func(ctx context.Context) error {
				if tt.cancel {
					cancel()
					return ctx.Err()
				}
				time.Sleep(time.Second) // the server ends the session meanwhile
				return nil
			}, eventstore.AppendRequest{Stream: "held", Expected: eventstore.NoStream, Events: req("held", 0, 1).Events,
				Claims: []eventstore.Claim{{Kind: "email", Key: "k", Owner: "held"}}})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("held Append = %v, want %v", err, tt.wantErr)
			}
			if recs, err := s.ReadStream(ctxT(t), "held", 0); err != nil || len(recs) != 0 {
				t.Errorf("ReadStream after the failed append = %d records, %v; want none", len(recs), err)
			}
			if _, err := s.LookupClaim(ctxT(t), "email", "k"); !errors.Is(err, eventstore.ErrClaimNotFound) {
				t.Errorf("LookupClaim after the failed append = %v, want ErrClaimNotFound", err)
			}
			mustAppend(t, s, req("held", eventstore.NoStream, 1))
		})
	}
}

// TestInputPostgresCannotStore: text PostgreSQL cannot hold is
// ErrInvalidAppend with nothing written, while data and meta, stored as
// bytes, come back exactly as appended even when not valid UTF-8.
func TestInputPostgresCannotStore(t *testing.T) {
	s, _ := newStore(t, postgres.Options{})
	nul := req("nul\x00stream", eventstore.Any, 1)
	badType := req("bad-type", eventstore.Any, 1)
	badType.Events[0].Type = "x.\xff"
	for _, r := range []eventstore.AppendRequest{nul, badType} {
		if _, err := s.Append(ctxT(t), r); !errors.Is(err, eventstore.ErrInvalidAppend) {
			t.Errorf("Append(%q) = %v, want ErrInvalidAppend", r.Stream, err)
		}
	}
	odd := req("odd", eventstore.NoStream, 1)
	odd.Events[0].Data = []byte("{\"a\":\"\xff\xfe\",  \"b\" : 1}")
	odd.Events[0].Meta = []byte(`{}`)
	mustAppend(t, s, odd)
	recs, err := s.ReadStream(ctxT(t), "odd", 0)
	if err != nil || len(recs) != 1 {
		t.Fatalf("ReadStream = %d records, %v", len(recs), err)
	}
	if string(recs[0].Data) != string(odd.Events[0].Data) || string(recs[0].Meta) != "{}" {
		t.Errorf("record data %q meta %q, want %q and {}", recs[0].Data, recs[0].Meta, odd.Events[0].Data)
	}
	if h := horizon(t, s); h.Head != recs[0].Position {
		t.Errorf("Head = %s, want only the odd record at %s", h.Head, recs[0].Position)
	}
}
