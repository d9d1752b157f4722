package memory_test

import (
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/memory"
)

func TestSnapshotConformance(t *testing.T) {
	eventstoretest.RunSnapshots(t, eventstoretest.Harness{
		Open: func(*testing.T) eventstore.Store { return memory.New() },
	})
}
