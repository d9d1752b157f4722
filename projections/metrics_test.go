package projections

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteMetrics(t *testing.T) {
	st, codec := newLog(t)
	read := readStores()[0].open(t)
	r := newRunner(t, st, codec, read, All(), Options{})
	start(t, r)
	pos := loadFiles(t, st, codec, "lifecycle")
	if err := waitFor(r, pos); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	r.WriteMetrics(&buf)
	for _, p := range All() {
		for _, want := range []string{
			`authledger_projection_lag_events{projector="` + p.Name() + `"} 0`,
			`authledger_projection_failed{projector="` + p.Name() + `"} 0`,
		} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("missing %q in\n%s", want, buf.String())
			}
		}
	}
}
