package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/postgres"
	"github.com/jackc/pgx/v5"
)

// envURL names the variable holding the test database's connection URL.
const envURL = "AUTHLEDGER_TEST_POSTGRES"

// guard bounds waits that only a broken store would hang on.
const guard = 30 * time.Second

// testURL returns the test database URL or skips the test.
func testURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv(envURL)
	if url == "" {
		tooltest.Missing(t, "PostgreSQL ("+envURL+")", "set it to a server URL, e.g. postgres://postgres@127.0.0.1:5432/authledger_test?sslmode=disable; .ci/run sets it")
	}
	return url
}

// freshSchema returns a new random schema name; the schema is dropped when
// the test ends.
func freshSchema(t testing.TB, url string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "es_test_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		admin := adminConn(t, url)
		if _, err := admin.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", name, err)
		}
	})
	return name
}

// adminConn is a plain connection that is not one of a store's.
func adminConn(t testing.TB, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

// openStore opens a store on schema or fails the test; it is closed when
// the test ends.
func openStore(t testing.TB, url string, opts postgres.Options) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// newStore opens a store on a fresh schema.
func newStore(t testing.TB, opts postgres.Options) (*postgres.Store, string) {
	t.Helper()
	url := testURL(t)
	opts.Schema = freshSchema(t, url)
	return openStore(t, url, opts), opts.Schema
}

func harness(url string) eventstoretest.Harness {
	var mu sync.Mutex
	schemas := map[eventstore.Store]string{}
	return eventstoretest.Harness{
		Open: func(t *testing.T) eventstore.Store {
			schema := freshSchema(t, url)
			s := openStore(t, url, postgres.Options{Schema: schema})
			mu.Lock()
			defer mu.Unlock()
			schemas[s] = schema
			return s
		},
		Reopen: func(t *testing.T, old eventstore.Store) eventstore.Store {
			if err := old.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			mu.Lock()
			schema := schemas[old]
			mu.Unlock()
			s := openStore(t, url, postgres.Options{Schema: schema})
			mu.Lock()
			defer mu.Unlock()
			schemas[s] = schema
			return s
		},
	}
}

func TestConformance(t *testing.T) {
	eventstoretest.Run(t, harness(testURL(t)), postgres.Features())
}

// TestAppendKeyed runs the keyed-append conformance cases.
func TestAppendKeyed(t *testing.T) { eventstoretest.RunKeyed(t, harness(testURL(t))) }

// ctxT returns a context that ends with the test.
func ctxT(t testing.TB) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// event returns a valid event with a random ID.
func event() eventstore.EventData {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return eventstore.EventData{ID: hex.EncodeToString(b[:]), Type: "test.happened", Schema: 1, Data: []byte(`{}`)}
}

// req appends n events to stream under expected.
func req(stream string, expected eventstore.ExpectedVersion, n int) eventstore.AppendRequest {
	evs := make([]eventstore.EventData, n)
	for i := range evs {
		evs[i] = event()
	}
	return eventstore.AppendRequest{Stream: stream, Expected: expected, Events: evs}
}

// mustAppend appends or fails the test.
func mustAppend(t testing.TB, s eventstore.Store, reqs ...eventstore.AppendRequest) eventstore.Position {
	t.Helper()
	pos, err := s.Append(ctxT(t), reqs...)
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	return pos
}

// horizon reads the store's horizon or fails the test.
func horizon(t testing.TB, s *postgres.Store) postgres.Horizon {
	t.Helper()
	h, err := s.Horizon(ctxT(t))
	if err != nil {
		t.Fatalf("Horizon: %v", err)
	}
	return h
}
