package password

import (
	"runtime"
	"runtime/metrics"
	"testing"
)

// scannable is the heap the collector must scan for pointers, after a
// collection.
func scannable() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestBlocklistGivesTheCollectorNothingToScan: the bundled list (2 MiB of
// pointers as a map of strings) adds next to nothing to the heap that every
// collection marks, and still finds its entries.
func TestBlocklistGivesTheCollectorNothingToScan(t *testing.T) {
	before := scannable()
	b := DefaultBlocklist()
	after := scannable()
	if !b.Contains("Password") || b.Contains("zebra lantern orbit 42") || b.Len() < 40_000 {
		t.Fatalf("Contains or Len wrong: %d entries", b.Len())
	}
	if grown := int64(after) - int64(before); grown > 256<<10 {
		t.Errorf("the list added %d KiB of scannable heap, want under 256 KiB", grown>>10)
	}
	runtime.KeepAlive(b)
}
