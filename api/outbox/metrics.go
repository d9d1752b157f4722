package outbox

import (
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts what one subscriber did, for /metrics. A Metrics may be
// created before its subscriber (the metrics endpoint is wired first).
// It is a prometheus.Collector; several subscribers' Metrics may share a
// registry (the subscriber name is a constant label).
type Metrics struct {
	Name                      string
	handled, retried, givenUp atomic.Int64
}

// counters lists m's counters with their names and help.
func (m *Metrics) counters() []struct {
	desc *prometheus.Desc
	v    int64
} {
	l := prometheus.Labels{"subscriber": m.Name}
	return []struct {
		desc *prometheus.Desc
		v    int64
	}{
		{prometheus.NewDesc("authledger_outbox_handled_total", "Events a log subscriber handled successfully.", nil, l), m.handled.Load()},
		{prometheus.NewDesc("authledger_outbox_retries_total", "Failed attempts a log subscriber retried.", nil, l), m.retried.Load()},
		{prometheus.NewDesc("authledger_outbox_given_up_total",
			"Events a log subscriber passed without success (after its retry limit or a permanent error).", nil, l), m.givenUp.Load()},
	}
}

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	for _, c := range m.counters() {
		ch <- c.desc
	}
}

// Collect implements prometheus.Collector.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	for _, c := range m.counters() {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.CounterValue, float64(c.v))
	}
}

// count adds to a counter of m, which may be nil.
func (m *Metrics) count(c func(*Metrics) *atomic.Int64) {
	if m != nil {
		c(m).Add(1)
	}
}
