package postgres_test

import (
	"testing"

	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/postgres"
)

// TestRewrapKeys runs the KEK-rotation checks on the PostgreSQL keystore.
func TestRewrapKeys(t *testing.T) {
	s, _ := newStore(t, postgres.Options{})
	eventstoretest.RewrapKeys(t, s.Keys())
}
