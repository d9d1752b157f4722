package sqlite_test

import (
	"testing"

	"github.com/authledger/authledger/eventstore/eventstoretest"
)

func TestSnapshotConformance(t *testing.T) {
	eventstoretest.RunSnapshots(t, harness())
}
