package postgres_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
	"github.com/jackc/pgx/v5"
)

// TestHorizonIgnoresForeignTransactions: an open write transaction of
// another application or another database does not hold followers back; one
// under the store's own application_name does, until it ends.
func TestHorizonIgnoresForeignTransactions(t *testing.T) {
	tests := []struct {
		name     string
		database string // "" = the test database
		ours     bool   // connect with the store's application_name
		blocks   bool
	}{
		{"another application", "", false, false},
		{"the store's application_name", "", true, true},
		{"another database, same application_name", "postgres", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t, postgres.Options{})
			app := "someone-else"
			if tt.ours {
				app = s.AppName()
			}
			tx, xid := openWriteTx(t, tt.database, app)
			pos := mustAppend(t, s, req("x", eventstore.NoStream, 1))
			if pos.Hi <= xid {
				t.Fatalf("append got %s, want a transaction id above the open %d", pos, xid)
			}

			want := postgres.Horizon{Head: pos, Committed: pos}
			if tt.blocks {
				want = postgres.Horizon{Committed: pos, Pending: 1, Blocker: xid}
			}
			if got := horizon(t, s); got != want {
				t.Errorf("Horizon with the transaction open = %+v, want %+v", got, want)
			}
			wantRecs := 1
			if tt.blocks {
				wantRecs = 0
			}
			if recs, err := s.ReadAll(ctxT(t), eventstore.Position{}, 10); err != nil || len(recs) != wantRecs {
				t.Errorf("ReadAll with the transaction open = %d records, %v; want %d", len(recs), err, wantRecs)
			}
			if err := tx.Rollback(ctxT(t)); err != nil {
				t.Fatal(err)
			}
			if got := horizon(t, s); got != (postgres.Horizon{Head: pos, Committed: pos}) {
				t.Errorf("Horizon after rollback = %+v, want head %s", got, pos)
			}
		})
	}
}

// openWriteTx opens a transaction with a transaction id on a plain
// connection to database (default: the test database) under app; it is
// rolled back when the test ends.
func openWriteTx(t *testing.T, database, app string) (pgx.Tx, uint64) {
	t.Helper()
	cfg, err := pgx.ParseConfig(testURL(t))
	if err != nil {
		t.Fatal(err)
	}
	if database != "" {
		if database == cfg.Database { // the tests run in "postgres" itself: pick another
			database = "template1"
		}
		cfg.Database = database
	}
	cfg.RuntimeParams["application_name"] = app
	conn, err := pgx.ConnectConfig(ctxT(t), cfg)
	if err != nil {
		tooltest.Missing(t, "PostgreSQL database "+cfg.Database, "the server of "+envURL+" must accept connections to it: "+err.Error())
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	tx, err := conn.Begin(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback(context.Background()) })
	var xid uint64
	if err := tx.QueryRow(ctxT(t), "SELECT pg_current_xact_id()").Scan(&xid); err != nil {
		t.Fatal(err)
	}
	return tx, xid
}
