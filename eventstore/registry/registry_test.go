package registry_test

import (
	"slices"
	"testing"

	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore/registry"
)

// TestNewRegistersTheCatalog checks that every cataloged type, and only
// those, is registered.
func TestNewRegistersTheCatalog(t *testing.T) {
	got := registry.New().Types()
	var want []string
	for _, ev := range catalog.Events() {
		want = append(want, ev.EventType())
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("registered types = %v, want %v", got, want)
	}
	if len(got) == 0 {
		t.Fatal("catalog is empty")
	}
}
