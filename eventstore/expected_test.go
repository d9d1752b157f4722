package eventstore_test

import (
	"testing"

	"github.com/authledger/authledger/eventstore"
)

func TestExpectedVersionCheck(t *testing.T) {
	tests := []struct {
		expected eventstore.ExpectedVersion
		current  uint64
		want     bool
	}{
		{eventstore.Any, 0, true},
		{eventstore.Any, 7, true},
		{eventstore.NoStream, 0, true},
		{eventstore.NoStream, 1, false},
		{eventstore.StreamExists, 0, false},
		{eventstore.StreamExists, 1, true},
		{eventstore.Exactly(3), 3, true},
		{eventstore.Exactly(3), 2, false},
		{eventstore.Exactly(3), 4, false},
		{eventstore.Exactly(0), 0, true},
		{eventstore.ExpectedVersion(-3), 0, false},
		{eventstore.ExpectedVersion(-3), 5, false},
	}
	for _, tt := range tests {
		if got := tt.expected.Check(tt.current); got != tt.want {
			t.Errorf("ExpectedVersion(%d).Check(%d) = %v, want %v", tt.expected, tt.current, got, tt.want)
		}
	}
}
