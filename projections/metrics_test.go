package projections

import (
	"strings"
	"testing"
)

// TestRunnerMetrics: every projector reports its lag and health.
func TestRunnerMetrics(t *testing.T) {
	st, codec := newLog(t)
	read := readStores()[0].open(t)
	r := newRunner(t, st, codec, read, All(), Options{})
	start(t, r)
	pos := loadFiles(t, st, codec, "lifecycle")
	if err := waitFor(r, pos); err != nil {
		t.Fatal(err)
	}
	text := exposition(t, r)
	for _, p := range All() {
		for _, want := range []string{
			`authledger_projection_lag_events{projector="` + p.Name() + `"} 0`,
			`authledger_projection_failed{projector="` + p.Name() + `"} 0`,
		} {
			if !strings.Contains(text, want) {
				t.Errorf("missing %q in\n%s", want, text)
			}
		}
	}
}
