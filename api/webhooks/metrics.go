package webhooks

import (
	"fmt"
	"io"
	"slices"
	"sync"
	"time"
)

// Metrics counts deliveries per endpoint for /metrics.
type Metrics struct {
	mu  sync.Mutex
	per map[string]*endpointMetrics
}

// endpointMetrics are one endpoint's counters and lag.
type endpointMetrics struct {
	attempts, failures, delivered int64
	lag                           time.Duration
}

// at returns id's metrics; the caller holds mu.
func (m *Metrics) at(id string) *endpointMetrics {
	if m.per == nil {
		m.per = map[string]*endpointMetrics{}
	}
	e := m.per[id]
	if e == nil {
		e = &endpointMetrics{}
		m.per[id] = e
	}
	return e
}

// attempt counts an attempt of id's (nil m: nothing), its outcome and the
// age of the event it carried (the endpoint's lag).
func (m *Metrics) attempt(id string, ok bool, lag time.Duration) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.at(id)
	e.attempts++
	if ok {
		e.delivered++
	} else {
		e.failures++
	}
	e.lag = max(lag, 0)
}

// caughtUp sets id's lag to zero (nothing pending).
func (m *Metrics) caughtUp(id string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.at(id).lag = 0
}

// WriteMetrics writes the counters in the Prometheus text format.
func (m *Metrics) WriteMetrics(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	ids := make([]string, 0, len(m.per))
	for id := range m.per {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, s := range []struct {
		name, help, kind string
		v                func(*endpointMetrics) string
	}{
		{"authledger_webhook_attempts_total", "Delivery attempts per webhook endpoint.", "counter",
			func(e *endpointMetrics) string { return fmt.Sprint(e.attempts) }},
		{"authledger_webhook_failures_total", "Failed delivery attempts per webhook endpoint.", "counter",
			func(e *endpointMetrics) string { return fmt.Sprint(e.failures) }},
		{"authledger_webhook_delivered_total", "Events delivered per webhook endpoint.", "counter",
			func(e *endpointMetrics) string { return fmt.Sprint(e.delivered) }},
		{"authledger_webhook_lag_seconds", "Age of the event a webhook endpoint is being sent (0 when caught up).", "gauge",
			func(e *endpointMetrics) string { return fmt.Sprintf("%.3f", e.lag.Seconds()) }},
	} {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", s.name, s.help, s.name, s.kind)
		for _, id := range ids {
			fmt.Fprintf(w, "%s{endpoint=%q} %s\n", s.name, id, s.v(m.per[id]))
		}
	}
}
