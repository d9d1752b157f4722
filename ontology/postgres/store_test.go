package postgres

import (
	"testing"

	"github.com/authledger/authledger/ontology"
	"github.com/authledger/authledger/ontology/ontologytest"
)

func TestConformance(t *testing.T) {
	ontologytest.Run(t, func(t *testing.T) ontology.Store { return openTest(t) })
}
