package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/ontologytest"
	"github.com/authledger/authledger/ontology/sqlite"
)

// open returns a store on a fresh file in t.TempDir().
func open(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "ontology.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	ontologytest.Run(t, func(t *testing.T) ontology.Store { return open(t) })
}
