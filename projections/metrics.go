package projections

import "github.com/prometheus/client_golang/prometheus"

// Descriptions of the projection metrics.
var (
	lagDesc = prometheus.NewDesc("authledger_projection_lag_events",
		"Records between the log head and the projector's checkpoint.", []string{"projector"}, nil)
	checkpointDesc = prometheus.NewDesc("authledger_projection_checkpoint",
		"Low word of the projector's checkpoint position.", []string{"projector"}, nil)
	failedDesc = prometheus.NewDesc("authledger_projection_failed",
		"1 when the projector stopped at a failing event.", []string{"projector"}, nil)
)

// Describe implements prometheus.Collector.
func (r *Runner) Describe(ch chan<- *prometheus.Desc) {
	ch <- lagDesc
	ch <- checkpointDesc
	ch <- failedDesc
}

// Collect implements prometheus.Collector: each projector's checkpoint,
// lag behind the log head and health. Lag counts records by the
// positions' low word: exact on SQLite, an estimate on stores whose
// positions are not dense.
func (r *Runner) Collect(ch chan<- prometheus.Metric) {
	for _, s := range r.Status() {
		failed := 0.0
		if s.Failed {
			failed = 1
		}
		ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, float64(s.Lag), s.Name)
		ch <- prometheus.MustNewConstMetric(checkpointDesc, prometheus.GaugeValue, float64(s.Checkpoint.Lo), s.Name)
		ch <- prometheus.MustNewConstMetric(failedDesc, prometheus.GaugeValue, failed, s.Name)
	}
}
