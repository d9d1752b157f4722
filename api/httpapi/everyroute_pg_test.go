package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/authledger/authledger/domain/tooltest"
	"github.com/authledger/authledger/eventstore/postgres"
	"github.com/jackc/pgx/v5"
)

// pgStore opens a PostgreSQL event store on a fresh schema of the test
// database named by AUTHLEDGER_TEST_POSTGRES (see tooltest.PostgresURL), dropped when the test ends.
func pgStore(t testing.TB) *postgres.Store {
	t.Helper()
	url := tooltest.PostgresURL(t)
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "httpapi_test_" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		conn, err := pgx.Connect(context.Background(), url)
		if err != nil {
			t.Errorf("connect: %v", err)
			return
		}
		defer conn.Close(context.Background())
		if _, err := conn.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	s, err := postgres.Open(context.Background(), url, postgres.Options{Schema: schema})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}
