package memory_test

import (
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/memory"
)

func TestConformance(t *testing.T) {
	eventstoretest.Run(t, eventstoretest.Harness{
		Open: func(*testing.T) eventstore.Store { return memory.New() },
	}, memory.Features())
}
