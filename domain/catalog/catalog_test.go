package catalog

import "testing"

func TestEventNamesUniqueAndDotted(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Events() {
		name := e.EventType()
		if seen[name] {
			t.Errorf("duplicate event type %q", name)
		}
		seen[name] = true
		dot := 0
		for _, r := range name {
			if r == '.' {
				dot++
			} else if !(r >= 'a' && r <= 'z' || r == '_') {
				t.Errorf("%q: only lower-case, '_' and one '.'", name)
			}
		}
		if dot != 1 {
			t.Errorf("%q: want exactly one dot", name)
		}
	}
	if len(seen) < 10 {
		t.Errorf("catalog lists %d events, expected all aggregates", len(seen))
	}
}
