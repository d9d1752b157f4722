package outbox

import (
	"fmt"
	"io"
	"sync/atomic"
)

// Metrics counts what one subscriber did, for /metrics. A Metrics may be
// created before its subscriber (the metrics endpoint is wired first).
type Metrics struct {
	Name                      string
	handled, retried, givenUp atomic.Int64
}

// WriteMetrics writes the counters in the Prometheus text format.
func (m *Metrics) WriteMetrics(w io.Writer) {
	for _, c := range []struct {
		name, help string
		v          int64
	}{
		{"authledger_outbox_handled_total", "Events a log subscriber handled successfully.", m.handled.Load()},
		{"authledger_outbox_retries_total", "Failed attempts a log subscriber retried.", m.retried.Load()},
		{"authledger_outbox_given_up_total", "Events a log subscriber passed without success (after its retry limit or a permanent error).", m.givenUp.Load()},
	} {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n%s{subscriber=%q} %d\n", c.name, c.help, c.name, c.name, m.Name, c.v)
	}
}

// count adds to a counter of m, which may be nil.
func (m *Metrics) count(c func(*Metrics) *atomic.Int64) {
	if m != nil {
		c(m).Add(1)
	}
}
