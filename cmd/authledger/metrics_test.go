package main

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/metricstest"
	"github.com/authledger/authledger/eventstore"
	espg "github.com/authledger/authledger/eventstore/postgres"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
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

// TestOutcomeMetricsThroughTheBinary: the counters an operator alerts on
// move with real requests to a running binary, scraped from its
// management listener: sign-ups, password sign-ins by outcome, sign-ins
// refused during a backoff, rate-limit rejections; the session index
// size, the hash-overload counter and the audit chain's lag (which
// reaches 0 once the follower has linked every record) are exposed.
func TestOutcomeMetricsThroughTheBinary(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"), "--management-addr", "127.0.0.1:0", "--log-level", "info",
		"--rate-limit", "on", "--signin-free-failures", "0", "--signin-backoff", "1m")
	mgmt := "http://" + managementAddr(t, s)
	before := scrapeFamilies(t, mgmt)
	ctx, client := context.Background(), httpClient()
	creds := map[string]string{"email": "ops@example.com", "password": "correct horse battery staple"}
	if r := authPost(ctx, client, s.URL, "sign-up/email", map[string]string{"email": creds["email"], "password": creds["password"],
		"name": "Ops"}); r.Status != 200 {
		t.Fatalf("sign-up: %d %s", r.Status, r.Body)
	}
	wrong := map[string]string{"email": "ops@example.com", "password": "wrong wrong wrong wrong"}
	for i, step := range []struct {
		body any
		want int
	}{{creds, 200}, {wrong, 401}, {wrong, 429}, {creds, 429}} { // success, failure, throttled, rate limited
		if r := authPost(ctx, client, s.URL, "sign-in/email", step.body); r.Status != step.want {
			t.Fatalf("sign-in %d: %d, want %d: %s", i, r.Status, step.want, r.Body)
		}
	}
	var after map[string]*dto.MetricFamily
	eventually(t, "the audit chain caught up", func() bool {
		after = scrapeFamilies(t, mgmt)
		return metricValue(after, "authledger_audit_chain_lag_records", nil) == 0 &&
			after["authledger_audit_chain_lag_records"] != nil
	})
	moved := func(name string, labels map[string]string) float64 {
		return metricValue(after, name, labels) - metricValue(before, name, labels)
	}
	password := func(outcome string) map[string]string {
		return map[string]string{"method": "password", "provider": "", "outcome": outcome}
	}
	for _, tt := range []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"authledger_sign_ups_total", nil, 1},
		{"authledger_sign_ins_total", password("success"), 1},
		{"authledger_sign_ins_total", password("failure"), 1},
		{"authledger_sign_in_throttled_total", nil, 1},
		{"authledger_rate_limit_rejections_total", map[string]string{"route": "/api/auth/sign-in/email"}, 1},
		{"authledger_password_hash_overload_total", nil, 0},
	} {
		if got := moved(tt.name, tt.labels); got != tt.want {
			t.Errorf("%s%v moved by %v, want %v", tt.name, tt.labels, got, tt.want)
		}
	}
	if n := metricValue(after, "authledger_session_index_sessions", nil); n < 2 {
		t.Errorf("session index holds %v sessions, want the sign-up's and the sign-in's", n)
	}
}

// scrapeFamilies GETs a /metrics without a key and parses it.
func scrapeFamilies(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	status, body := call(t, "GET", base+"/metrics", "", "")
	if status != 200 {
		t.Fatalf("GET /metrics: %d", status)
	}
	var p expfmt.TextParser
	fams, err := p.TextToMetricFamilies(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return fams
}

// metricValue is the counter or gauge of family name whose labels are
// exactly labels (0 when absent).
func metricValue(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	for _, m := range fams[name].GetMetric() {
		got := map[string]string{}
		for _, l := range m.GetLabel() {
			got[l.GetName()] = l.GetValue()
		}
		if len(got) != len(labels) {
			continue
		}
		match := true
		for k, v := range labels {
			match = match && got[k] == v
		}
		if !match {
			continue
		}
		if m.GetCounter() != nil {
			return m.GetCounter().GetValue()
		}
		return m.GetGauge().GetValue()
	}
	return 0
}

// TestChainLag: the lag is the records after the chain's head.
func TestChainLag(t *testing.T) {
	for _, tt := range []struct {
		head, chained eventstore.Position
		want          uint64
	}{
		{eventstore.Position{}, eventstore.Position{}, 0},
		{eventstore.Position{Lo: 10}, eventstore.Position{Lo: 7}, 3},
		{eventstore.Position{Lo: 7}, eventstore.Position{Lo: 7}, 0},
	} {
		if got := chainLag(tt.head, tt.chained); got != tt.want {
			t.Errorf("chainLag(%s, %s) = %d, want %d", tt.head, tt.chained, got, tt.want)
		}
	}
}
