package httpapi

import (
	"bytes"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

// scrape reads /metrics with the admin key and parses the exposition (a
// malformed one, or a family listed twice, fails the parse).
func scrape(t *testing.T, h *harness) map[string]*dto.MetricFamily {
	t.Helper()
	r := h.do(req{method: "GET", path: "/metrics", headers: map[string]string{"Authorization": "Bearer " + adminKey}})
	if r.status != 200 {
		t.Fatalf("metrics: %d %s", r.status, r.body)
	}
	var p expfmt.TextParser
	fams, err := p.TextToMetricFamilies(bytes.NewReader(r.body))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, r.body)
	}
	return fams
}

// sample is the value of fam's metric with exactly labels (a histogram's
// sample count), or -1 when there is none.
func sample(fams map[string]*dto.MetricFamily, fam string, labels map[string]string) float64 {
	f := fams[fam]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.GetMetric() {
		if len(m.GetLabel()) != len(labels) {
			continue
		}
		for _, l := range m.GetLabel() {
			if v, ok := labels[l.GetName()]; !ok || v != l.GetValue() {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue()
		case m.Gauge != nil:
			return m.GetGauge().GetValue()
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount())
		}
	}
	return -1
}

// TestMetricsExposition: the registry carries the runtime and process
// collectors, per-route latency histograms under the route template,
// and the sign-in outcomes counted from the committed events.
func TestMetricsExposition(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	h.signIn("alice@example.com", "wrong wrong wrong")
	h.signIn("bob@example.com", "wrong wrong wrong") // unknown address: the same failure
	h.signIn("alice@example.com", "correct horse 1")
	h.do(req{method: "GET", path: "/v1/webhooks/wh_secret_looking_id", headers: map[string]string{"Authorization": "Bearer " + adminKey}})
	fams := scrape(t, h)
	for _, name := range []string{"go_goroutines", "go_memstats_alloc_bytes", "process_cpu_seconds_total", "process_open_fds"} {
		if fams[name] == nil {
			t.Errorf("no %s", name)
		}
	}
	tests := []struct {
		fam    string
		labels map[string]string
		want   float64
	}{
		{"authledger_http_request_duration_seconds", map[string]string{"route": "/api/auth/sign-in/email", "method": "POST"}, 3},
		{"authledger_http_request_duration_seconds", map[string]string{"route": "/v1/webhooks/:id", "method": "GET"}, 1},
		{"authledger_http_requests_total", map[string]string{"route": "/api/auth/sign-up/email", "status": "200"}, 1},
		{"authledger_http_requests_total", map[string]string{"route": "/api/auth/sign-in/email", "status": "401"}, 2},
		{"authledger_sign_ins_total", map[string]string{"method": "password", "provider": "", "outcome": "failure"}, 2},
		{"authledger_sign_ins_total", map[string]string{"method": "password", "provider": "", "outcome": "success"}, 1},
		{"authledger_sign_ups_total", map[string]string{}, 1},
		{"authledger_session_index_sessions", map[string]string{}, 2},
		{"authledger_password_hash_overload_total", map[string]string{}, 0},
	}
	for _, tt := range tests {
		if got := sample(fams, tt.fam, tt.labels); got != tt.want {
			t.Errorf("%s%v = %v, want %v", tt.fam, tt.labels, got, tt.want)
		}
	}
	// the raw path never becomes a label value
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if strings.Contains(l.GetValue(), "wh_secret_looking_id") {
					t.Errorf("%s has the raw path in %s=%q", f.GetName(), l.GetName(), l.GetValue())
				}
			}
		}
	}
}

// TestRateLimitMetric: every 429 of the per-IP limits is counted under
// its route template.
func TestRateLimitMetric(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RateLimit = true })
	refused := 0
	for range 10 {
		if r := h.signIn("nobody@example.com", "wrong wrong wrong"); r.status == 429 {
			refused++
		}
	}
	if refused == 0 {
		t.Fatal("no sign-in was rate limited")
	}
	got := sample(scrape(t, h), "authledger_rate_limit_rejections_total", map[string]string{"route": "/api/auth/sign-in/email"})
	if got != float64(refused) {
		t.Errorf("counted %v rejections, want %d", got, refused)
	}
}

// TestPasskeySignInMetric: a passkey sign-in counts as a passkey success,
// an assertion refused for its regressed counter as a passkey failure.
func TestPasskeySignInMetric(t *testing.T) {
	h := newHarness(t, withPasskeyRP)
	_, _, d := h.registered("metrics@example.com")
	lo, lch := h.authOptions()
	if r := h.verifyAuthentication(lch, d.assert(goodRP, lo)); r.status != 200 {
		t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	d.cred.Counter -= 2
	lo, lch = h.authOptions()
	if r := h.verifyAuthentication(lch, d.assert(goodRP, lo)); r.status != 400 {
		t.Fatalf("regressed counter: %d %s", r.status, r.body)
	}
	fams := scrape(t, h)
	for outcome, want := range map[string]float64{"success": 1, "failure": 1} {
		got := sample(fams, "authledger_sign_ins_total", map[string]string{"method": "passkey", "provider": "", "outcome": outcome})
		if got != want {
			t.Errorf("passkey %s = %v, want %v", outcome, got, want)
		}
	}
}
