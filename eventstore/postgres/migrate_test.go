package postgres_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/postgres"
	"github.com/jackc/pgx/v5/pgxpool"
)

// TestConcurrentMigrators: several processes migrating one fresh schema at
// once apply each step exactly once; reopening applies nothing.
func TestConcurrentMigrators(t *testing.T) {
	url := testURL(t)
	schema := freshSchema(t, url)
	pool, err := pgxpool.New(ctxT(t), url)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() { errs <- postgres.Migrate(ctxT(t), pool, schema) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("Migrate: %v", err)
		}
	}
	openStore(t, url, postgres.Options{Schema: schema}).Close()
	var n int
	if err := pool.QueryRow(ctxT(t), "SELECT count(*) FROM "+schema+".schema_migrations").Scan(&n); err != nil || n != 4 {
		t.Fatalf("schema_migrations has %d rows, %v; want 4", n, err)
	}
	s := openStore(t, url, postgres.Options{Schema: schema, SkipMigrate: true})
	mustAppend(t, s, req("skip", eventstore.NoStream, 1))
}

// TestNewerSchemaIsRefused: a schema migrated by a newer binary fails Open.
func TestNewerSchemaIsRefused(t *testing.T) {
	s, schema := newStore(t, postgres.Options{})
	_ = s.Close()
	admin := adminConn(t, testURL(t))
	if _, err := admin.Exec(ctxT(t), "INSERT INTO "+schema+".schema_migrations (version, name) VALUES (99, 'future')"); err != nil {
		t.Fatal(err)
	}
	if s, err := postgres.Open(ctxT(t), testURL(t), postgres.Options{Schema: schema}); err == nil || !strings.Contains(err.Error(), "newer") {
		if s != nil {
			_ = s.Close()
		}
		t.Errorf("Open of a schema from a newer binary = %v, want an error", err)
	}
}

// TestEventsAreImmutable: rows of the log cannot be changed or removed.
func TestEventsAreImmutable(t *testing.T) {
	s, schema := newStore(t, postgres.Options{})
	mustAppend(t, s, req("e", eventstore.NoStream, 1))
	admin := adminConn(t, testURL(t))
	for _, stmt := range []string{"UPDATE %s.events SET type = 'x'", "DELETE FROM %s.events", "TRUNCATE %s.events"} {
		stmt = strings.ReplaceAll(stmt, "%s", schema)
		if _, err := admin.Exec(ctxT(t), stmt); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s = %v, want the immutability trigger to abort", stmt, err)
		}
	}
}

// TestOpenRejectsBadInput: bad options and connection strings fail Open;
// an unreachable server is ErrUnavailable.
func TestOpenRejectsBadInput(t *testing.T) {
	url := testURL(t)
	tests := []struct {
		name    string
		url     string
		opts    postgres.Options
		wantErr error
	}{
		{"schema with a quote", url, postgres.Options{Schema: `x"; DROP TABLE y; --`}, nil},
		{"upper-case schema", url, postgres.Options{Schema: "EventStore"}, nil},
		{"schema too long", url, postgres.Options{Schema: strings.Repeat("s", 64)}, nil},
		{"min conns above max", url, postgres.Options{MaxConns: 2, MinConns: 3}, nil},
		{"negative wake interval", url, postgres.Options{WakeInterval: -1}, nil},
		{"group wait above its bound", url, postgres.Options{GroupWait: time.Hour}, nil},
		{"malformed url", "postgres://%zz", postgres.Options{}, nil},
		{"unreachable server", "postgres://postgres@127.0.0.1:1/x?sslmode=disable&connect_timeout=2", postgres.Options{}, eventstore.ErrUnavailable},
	}
	for _, tt := range tests {
		s, err := postgres.Open(context.Background(), tt.url, tt.opts)
		if err == nil {
			_ = s.Close()
			t.Errorf("%s: Open succeeded, want an error", tt.name)
			continue
		}
		if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
			t.Errorf("%s: Open = %v, want %v", tt.name, err, tt.wantErr)
		}
	}
}

// TestClosedStoreWakesFollowers: Close ends a running Follow with
// ErrClosed; a second Close says ErrClosed.
func TestClosedStoreWakesFollowers(t *testing.T) {
	s, _ := newStore(t, postgres.Options{})
	done := make(chan error, 1)
	go func() {
		done <- eventstore.Follow(ctxT(t), s, eventstore.Position{}, 10, func(context.Context, []eventstore.Record) error { return nil })
	}()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, eventstore.ErrClosed) {
		t.Errorf("Follow after Close = %v, want ErrClosed", err)
	}
	if err := s.Close(); !errors.Is(err, eventstore.ErrClosed) {
		t.Errorf("second Close = %v, want ErrClosed", err)
	}
}
