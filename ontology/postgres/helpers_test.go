package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/jackc/pgx/v5"
)

// testURL returns the database of AUTHLEDGER_TEST_POSTGRES or skips.
func testURL(t testing.TB) string {
	t.Helper()
	url := os.Getenv("AUTHLEDGER_TEST_POSTGRES")
	if url == "" {
		tooltest.Missing(t, "PostgreSQL (AUTHLEDGER_TEST_POSTGRES)", "set it to a server URL, e.g. "+
			"postgres://postgres@127.0.0.1:5432/authledger_test?sslmode=disable; .ci/run sets it")
	}
	return url
}

// freshSchema returns a new random schema name whose tables (live, shadow
// and leftovers of a promote) are dropped when the test ends.
func freshSchema(t testing.TB) string {
	t.Helper()
	url := testURL(t)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "ontology_test_" + hex.EncodeToString(b)
	t.Cleanup(func() {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Errorf("cleanup: %v", err)
			return
		}
		defer conn.Close(ctx)
		for _, s := range []string{schema, schema + shadowSuffix, schema + "__old"} {
			if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+pgx.Identifier{s}.Sanitize()+" CASCADE"); err != nil {
				t.Errorf("cleanup %s: %v", s, err)
			}
		}
	})
	return schema
}

// openSchema opens a store on schema, closed when the test ends.
func openSchema(t testing.TB, schema string) *Store {
	t.Helper()
	s, err := Open(context.Background(), testURL(t), Options{Schema: schema, MaxConns: 8})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// openTest opens a store on a fresh schema.
func openTest(t testing.TB) *Store {
	t.Helper()
	return openSchema(t, freshSchema(t))
}
