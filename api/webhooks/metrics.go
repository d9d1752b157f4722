package webhooks

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
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

// Descriptions of the webhook metrics.
var (
	attemptsDesc = prometheus.NewDesc("authledger_webhook_attempts_total",
		"Delivery attempts per webhook endpoint.", []string{"endpoint"}, nil)
	failuresDesc = prometheus.NewDesc("authledger_webhook_failures_total",
		"Failed delivery attempts per webhook endpoint.", []string{"endpoint"}, nil)
	deliveredDesc = prometheus.NewDesc("authledger_webhook_delivered_total",
		"Events delivered per webhook endpoint.", []string{"endpoint"}, nil)
	lagDesc = prometheus.NewDesc("authledger_webhook_lag_seconds",
		"Age of the event a webhook endpoint is being sent (0 when caught up).", []string{"endpoint"}, nil)
)

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{attemptsDesc, failuresDesc, deliveredDesc, lagDesc} {
		ch <- d
	}
}

// Collect implements prometheus.Collector: the counters and lag of every
// endpoint that was attempted.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, e := range m.per {
		ch <- prometheus.MustNewConstMetric(attemptsDesc, prometheus.CounterValue, float64(e.attempts), id)
		ch <- prometheus.MustNewConstMetric(failuresDesc, prometheus.CounterValue, float64(e.failures), id)
		ch <- prometheus.MustNewConstMetric(deliveredDesc, prometheus.CounterValue, float64(e.delivered), id)
		ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, e.lag.Seconds(), id)
	}
}
