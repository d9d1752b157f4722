package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// TestRewrapKeys runs the KEK-rotation checks on the SQLite keystore.
func TestRewrapKeys(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "events.db"), sqlite.Options{})
	t.Cleanup(func() { _ = s.Close() })
	eventstoretest.RewrapKeys(t, s.Keys())
}
