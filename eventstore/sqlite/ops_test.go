package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// rawDB opens a plain connection to the store's file, as another process
// would.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func oneEvent(id string) eventstore.AppendRequest {
	return eventstore.AppendRequest{Stream: "s-" + id, Expected: eventstore.NoStream,
		Events: []eventstore.EventData{{ID: id, Type: "test.x", Schema: 1, Data: []byte(`{}`)}}}
}

func TestBusyDatabaseIsUnavailable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.db")
	s := openAt(t, path, sqlite.Options{BusyTimeout: 50 * time.Millisecond})
	defer s.Close()
	ctx := context.Background()
	other, err := rawDB(t, path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatalf("lock from another connection: %v", err)
	}
	if _, err := s.Append(ctx, oneEvent("busy")); !errors.Is(err, eventstore.ErrUnavailable) {
		t.Fatalf("Append while another writer holds the lock = %v, want ErrUnavailable", err)
	}
	if _, err := other.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Append(ctx, oneEvent("after")); err != nil {
		t.Fatalf("Append after the lock is gone: %v", err)
	}
}

func TestEventsAreImmutable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.db")
	s := openAt(t, path, sqlite.Options{})
	defer s.Close()
	if _, err := s.Append(context.Background(), oneEvent("e1")); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	for _, stmt := range []string{"UPDATE events SET type = 'x'", "DELETE FROM events"} {
		if _, err := db.Exec(stmt); err == nil || !strings.Contains(err.Error(), "immutable") {
			t.Errorf("%s = %v, want the immutability trigger to abort", stmt, err)
		}
	}
}

func TestMigrationsAreForwardOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.db")
	openAt(t, path, sqlite.Options{}).Close()
	openAt(t, path, sqlite.Options{}).Close() // reopening applies nothing twice
	db := rawDB(t, path)
	var n int
	if err := db.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != 4 {
		t.Fatalf("schema_migrations has %d rows, %v; want 4", n, err)
	}
	if _, err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)"); err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
	if s, err := sqlite.Open(context.Background(), path, sqlite.Options{}); err == nil || !strings.Contains(err.Error(), "newer") {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open of a database from a newer binary = %v, want an error", err)
	}
}

func TestOpenRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		opts sqlite.Options
	}{
		{"empty path", "", sqlite.Options{}},
		{"query in path", filepath.Join(dir, "x.db?mode=ro"), sqlite.Options{}},
		{"memory database", ":memory:", sqlite.Options{}},
		{"synchronous off", filepath.Join(dir, "y.db"), sqlite.Options{Synchronous: "OFF"}},
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "z.db"), sqlite.Options{}},
	}
	for _, tt := range tests {
		if s, err := sqlite.Open(context.Background(), tt.path, tt.opts); err == nil {
			s.Close()
			t.Errorf("%s: Open succeeded, want an error", tt.name)
		}
	}
	s := openAt(t, filepath.Join(dir, "normal.db"), sqlite.Options{Synchronous: "normal"})
	if _, err := s.Append(context.Background(), oneEvent("n")); err != nil {
		t.Errorf("Append with synchronous=NORMAL: %v", err)
	}
	s.Close()
}
