package projections

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/ontology"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
)

// sqliteReadStores is the SQLite ontology adapter on a real file in the
// test's temporary directory.
func sqliteReadStores() []readStore {
	return []readStore{{name: "sqlite", open: func(t testing.TB) ontology.Store {
		t.Helper()
		s, err := ontsqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ontology.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		return s
	}}}
}
