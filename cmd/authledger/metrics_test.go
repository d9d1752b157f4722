package main

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/metricstest"
	espg "github.com/authledger/authledger/eventstore/postgres"
)

// TestHorizonMetrics: a PostgreSQL store's horizon appears on /metrics.
func TestHorizonMetrics(t *testing.T) {
	url := newPGDatabase(t, pgServerURL(t))
	st, err := espg.Open(context.Background(), url, espg.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := metricstest.Exposition(t, metricsSources{horizonMetrics{st}, buildInfo()})
	for _, want := range []string{"authledger_eventstore_pending_records 0", "authledger_eventstore_horizon_blocker_xid 0",
		`authledger_build_info{goversion="` + runtime.Version() + `",version="` + version + `"} 1`} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
}
