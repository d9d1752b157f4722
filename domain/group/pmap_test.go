package group

import (
	"fmt"
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestPmapMatchesMap applies the same operations to a pmap and a Go map,
// keeping every version of the pmap, and checks each version still holds
// exactly what the map held then.
func TestPmapMatchesMap(t *testing.T) {
	var m pmap[int]
	want := map[string]int{}
	var versions []pmap[int]
	var wants []map[string]int
	for i := range 3000 {
		k := fmt.Sprintf("k%d", i%700)
		if i%3 == 2 {
			m = m.Delete(k)
			delete(want, k)
		} else {
			m, want[k] = m.Set(k, i), i
		}
		if i%100 == 0 {
			versions, wants = append(versions, m), append(wants, maps.Clone(want))
		}
	}
	versions, wants = append(versions, m), append(wants, want)
	for i, v := range versions {
		if diff := cmp.Diff(maps.Collect(v.All()), wants[i]); diff != "" || v.Len() != len(wants[i]) {
			t.Fatalf("version %d: Len %d, want %d; (-got +want):\n%s", i, v.Len(), len(wants[i]), diff)
		}
		for k, w := range wants[i] {
			if got, ok := v.Get(k); !ok || got != w {
				t.Fatalf("version %d: Get(%q) = %d, %v; want %d", i, k, got, ok, w)
			}
		}
	}
}

func TestPmapZeroAndMissing(t *testing.T) {
	var m pmap[string]
	if _, ok := m.Get("x"); ok || m.Len() != 0 || m.Delete("x").Len() != 0 {
		t.Fatal("zero pmap is not empty")
	}
	m = m.Set("a", "1").Set("a", "2")
	if got, _ := m.Get("a"); got != "2" || m.Len() != 1 {
		t.Errorf("after overwrite: %q, Len %d", got, m.Len())
	}
	if _, ok := m.Get("b"); ok {
		t.Error("missing key found")
	}
	for range m.All() {
		break // early stop must not panic
	}
}
