package main

import (
	"context"
	"runtime"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	espg "github.com/authledger/authledger/eventstore/postgres"
	"github.com/authledger/authledger/projections"
	"github.com/prometheus/client_golang/prometheus"
)

// metricsSources joins the collectors of /metrics: the projection runner,
// build_info and, on PostgreSQL, the event store's visibility horizon:
// the records that are committed but held back behind an older open
// transaction, which is why a follower can wait (and which transaction
// it waits for). Nil entries are skipped.
type metricsSources []prometheus.Collector

// Describe implements prometheus.Collector.
func (m metricsSources) Describe(ch chan<- *prometheus.Desc) {
	for _, s := range m {
		if s != nil {
			s.Describe(ch)
		}
	}
}

// Collect implements prometheus.Collector.
func (m metricsSources) Collect(ch chan<- prometheus.Metric) {
	for _, s := range m {
		if s != nil {
			s.Collect(ch)
		}
	}
}

// Descriptions of the horizon metrics.
var (
	pendingDesc = prometheus.NewDesc("authledger_eventstore_pending_records",
		"Committed records readers cannot see yet: they wait behind an older open transaction.", nil, nil)
	blockerDesc = prometheus.NewDesc("authledger_eventstore_horizon_blocker_xid",
		"Transaction id holding the read horizon back (0 = none); see pg_stat_activity.backend_xid.", nil, nil)
)

// horizonMetrics reports a PostgreSQL store's horizon.
type horizonMetrics struct{ store *espg.Store }

// Describe implements prometheus.Collector.
func (h horizonMetrics) Describe(ch chan<- *prometheus.Desc) {
	ch <- pendingDesc
	ch <- blockerDesc
}

// Collect implements prometheus.Collector; it reports nothing when the
// database does not answer within two seconds.
func (h horizonMetrics) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	hz, err := h.store.Horizon(ctx)
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(pendingDesc, prometheus.GaugeValue, float64(hz.Pending))
	ch <- prometheus.MustNewConstMetric(blockerDesc, prometheus.GaugeValue, float64(hz.Blocker))
}

// buildInfo is authledger_build_info: 1, labelled with the version and
// the Go version the binary was built with.
func buildInfo() prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "authledger_build_info",
		Help:        "Always 1; the labels say which build of authledger runs.",
		ConstLabels: prometheus.Labels{"version": version, "goversion": runtime.Version()}},
		func() float64 { return 1 })
}

// appMetrics returns the metrics collectors of an app.
func appMetrics(a *app) prometheus.Collector {
	srcs := metricsSources{projectionMetrics{a.runner}, buildInfo()}
	if a.chain != nil {
		srcs = append(srcs, chainMetrics{log: a.store, chain: a.chain})
	}
	if pg, ok := a.store.(*espg.Store); ok {
		srcs = append(srcs, horizonMetrics{pg})
	}
	return srcs
}

// Descriptions of the projection metrics.
var (
	lagDesc = prometheus.NewDesc("authledger_projection_lag_events",
		"Records between the log head and the projector's checkpoint.", []string{"projector"}, nil)
	checkpointDesc = prometheus.NewDesc("authledger_projection_checkpoint",
		"Low word of the projector's checkpoint position.", []string{"projector"}, nil)
	failedDesc = prometheus.NewDesc("authledger_projection_failed",
		"1 when the projector stopped at a failing event.", []string{"projector"}, nil)
)

// projectionMetrics reports each projector's checkpoint, lag behind the
// log head and health. Lag counts records by the positions' low word:
// exact on SQLite, an estimate on stores whose positions are not dense.
type projectionMetrics struct{ runner *projections.Runner }

// Describe implements prometheus.Collector.
func (p projectionMetrics) Describe(ch chan<- *prometheus.Desc) {
	ch <- lagDesc
	ch <- checkpointDesc
	ch <- failedDesc
}

// Collect implements prometheus.Collector.
func (p projectionMetrics) Collect(ch chan<- prometheus.Metric) {
	for _, s := range p.runner.Status() {
		failed := 0.0
		if s.Failed {
			failed = 1
		}
		ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, float64(s.Lag), s.Name)
		ch <- prometheus.MustNewConstMetric(checkpointDesc, prometheus.GaugeValue, float64(s.Checkpoint.Lo), s.Name)
		ch <- prometheus.MustNewConstMetric(failedDesc, prometheus.GaugeValue, failed, s.Name)
	}
}

// chainLagDesc describes the audit chain's lag.
var chainLagDesc = prometheus.NewDesc("authledger_audit_chain_lag_records",
	"Records appended to the log but not yet linked into the audit hash chain (log head minus chain head); "+
		"0 when the chain is caught up. Only chained records are covered by checkpoints and audit verify.", nil, nil)

// chainMetrics reports the audit chain's lag: how many records the
// chain follower (which links every record into the hash chain off the
// request path, and signs checkpoints over the links) has yet to link.
// It counts by the positions' sequence word, dense on every store here.
type chainMetrics struct {
	log   eventstore.Store
	chain chain.Store
}

// Describe implements prometheus.Collector.
func (c chainMetrics) Describe(ch chan<- *prometheus.Desc) { ch <- chainLagDesc }

// Collect implements prometheus.Collector; it reports nothing when the
// store does not answer within two seconds.
func (c chainMetrics) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	head, err := c.log.Head(ctx)
	if err != nil {
		return
	}
	link, err := c.chain.ChainHead(ctx)
	if err != nil {
		return
	}
	ch <- prometheus.MustNewConstMetric(chainLagDesc, prometheus.GaugeValue, float64(chainLag(head, link.Position)))
}

// chainLag is the records after the chain's head up to the log's head.
func chainLag(head, chained eventstore.Position) uint64 {
	if head.Lo <= chained.Lo {
		return 0
	}
	return head.Lo - chained.Lo
}
