package projections

import (
	"fmt"
	"io"
)

// WriteMetrics writes each projector's checkpoint, lag behind the log head
// and health in the Prometheus text format (for /metrics). Lag counts
// records by the positions' low word: exact on SQLite, an estimate on
// stores whose positions are not dense.
func (r *Runner) WriteMetrics(w io.Writer) {
	st := r.Status()
	fmt.Fprintln(w, "# HELP authledger_projection_lag_events Records between the log head and the projector's checkpoint.")
	fmt.Fprintln(w, "# TYPE authledger_projection_lag_events gauge")
	for _, s := range st {
		fmt.Fprintf(w, "authledger_projection_lag_events{projector=%q} %d\n", s.Name, s.Lag)
	}
	fmt.Fprintln(w, "# HELP authledger_projection_checkpoint Low word of the projector's checkpoint position.")
	fmt.Fprintln(w, "# TYPE authledger_projection_checkpoint gauge")
	for _, s := range st {
		fmt.Fprintf(w, "authledger_projection_checkpoint{projector=%q} %d\n", s.Name, s.Checkpoint.Lo)
	}
	fmt.Fprintln(w, "# HELP authledger_projection_failed 1 when the projector stopped at a failing event.")
	fmt.Fprintln(w, "# TYPE authledger_projection_failed gauge")
	for _, s := range st {
		failed := 0
		if s.Failed {
			failed = 1
		}
		fmt.Fprintf(w, "authledger_projection_failed{projector=%q} %d\n", s.Name, failed)
	}
}
