package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// openAt opens the store at path or fails the test.
func openAt(t testing.TB, path string, opts sqlite.Options) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	return s
}

func harness() eventstoretest.Harness {
	paths := map[eventstore.Store]string{}
	return eventstoretest.Harness{
		Open: func(t *testing.T) eventstore.Store {
			path := filepath.Join(t.TempDir(), "events.db")
			s := openAt(t, path, sqlite.Options{})
			paths[s] = path
			return s
		},
		Reopen: func(t *testing.T, old eventstore.Store) eventstore.Store {
			if err := old.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			s := openAt(t, paths[old], sqlite.Options{})
			paths[s] = paths[old]
			return s
		},
	}
}

func TestConformance(t *testing.T) {
	eventstoretest.Run(t, harness(), sqlite.Features())
}
