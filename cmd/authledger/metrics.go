package main

import (
	"context"
	"fmt"
	"io"
	"time"

	api "github.com/authledger/authledger/api/httpapi"
	espg "github.com/authledger/authledger/eventstore/postgres"
)

// metricsSources joins the /metrics lines of the projection runner and,
// on PostgreSQL, the event store's visibility horizon: the records that
// are committed but held back behind an older open transaction, which is
// why a follower can wait (and which transaction it waits for).
type metricsSources []api.MetricsSource

// WriteMetrics implements api.MetricsSource.
func (m metricsSources) WriteMetrics(w io.Writer) {
	for _, s := range m {
		s.WriteMetrics(w)
	}
}

// horizonMetrics reports a PostgreSQL store's horizon.
type horizonMetrics struct{ store *espg.Store }

// WriteMetrics implements api.MetricsSource.
func (h horizonMetrics) WriteMetrics(w io.Writer) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	hz, err := h.store.Horizon(ctx)
	if err != nil {
		return
	}
	fmt.Fprintln(w, "# HELP authledger_eventstore_pending_records Committed records readers cannot see yet: they wait behind an older open transaction.")
	fmt.Fprintln(w, "# TYPE authledger_eventstore_pending_records gauge")
	fmt.Fprintf(w, "authledger_eventstore_pending_records %d\n", hz.Pending)
	fmt.Fprintln(w, "# HELP authledger_eventstore_horizon_blocker_xid Transaction id holding the read horizon back (0 = none); see pg_stat_activity.backend_xid.")
	fmt.Fprintln(w, "# TYPE authledger_eventstore_horizon_blocker_xid gauge")
	fmt.Fprintf(w, "authledger_eventstore_horizon_blocker_xid %d\n", hz.Blocker)
}

// appMetrics returns the metrics sources of an app.
func appMetrics(a *app) api.MetricsSource {
	srcs := metricsSources{a.runner}
	if pg, ok := a.store.(*espg.Store); ok {
		srcs = append(srcs, horizonMetrics{pg})
	}
	return srcs
}
