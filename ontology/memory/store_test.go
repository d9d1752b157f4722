package memory_test

import (
	"testing"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/ontology/ontologytest"
)

func TestConformance(t *testing.T) {
	ontologytest.Run(t, func(t *testing.T) ontology.Store { return memory.New() })
}
