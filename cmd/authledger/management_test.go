package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prometheus/common/expfmt"
)

// managementAddr waits for the "management listening" log line of s and
// returns its address.
func managementAddr(t *testing.T, s *server) string {
	t.Helper()
	re := regexp.MustCompile(`"msg":"authledger management listening","addr":"([^"]+)"`)
	var addr string
	eventually(t, "management listening line", func() bool {
		if m := re.FindStringSubmatch(s.Stderr()); m != nil {
			addr = m[1]
		}
		return addr != ""
	})
	return addr
}

// call sends method url with an optional bearer key and body and returns
// the status and body.
func call(t *testing.T, method, url, key, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// newOperatorKey creates an operator key with scopes through /v1/keys.
func newOperatorKey(t *testing.T, s *server, name string, scopes ...string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "scopes": scopes})
	status, out := call(t, "POST", s.URL+"/v1/keys", e2eAdminKey, string(body))
	var k struct{ Token string }
	if err := json.Unmarshal(out, &k); status != http.StatusCreated || err != nil || k.Token == "" {
		t.Fatalf("create key: %d %s", status, out)
	}
	return k.Token
}

// TestManagementListener: --management-addr serves /metrics, /healthz and
// /readyz without a key (and nothing else); the public /metrics needs a
// key with metrics:read.
func TestManagementListener(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"), "--management-addr", "127.0.0.1:0", "--log-level", "info")
	mgmt := "http://" + managementAddr(t, s)
	eventually(t, "management /readyz 200", func() bool {
		status, _ := call(t, "GET", mgmt+"/readyz", "", "")
		return status == 200
	})
	if status, body := call(t, "POST", s.URL+"/api/auth/sign-in/email?token=querysecret0123456789", "",
		`{"email":"nobody@example.com","password":"wrong wrong wrong"}`); status != 401 {
		t.Fatalf("sign-in: %d %s", status, body)
	}
	metricsKey := newOperatorKey(t, s, "prometheus", "metrics:read")
	auditKey := newOperatorKey(t, s, "auditor", "audit:read")
	tests := []struct {
		name, url, key string
		want           int
	}{
		{"management metrics without a key", mgmt + "/metrics", "", 200},
		{"management healthz", mgmt + "/healthz", "", 200},
		{"management readyz", mgmt + "/readyz", "", 200},
		{"no operator API on management", mgmt + "/v1/keys", "", 404},
		{"no auth API on management", mgmt + "/api/auth/ok", "", 404},
		{"public metrics without a key", s.URL + "/metrics", "", 401},
		{"public metrics with a key lacking metrics:read", s.URL + "/metrics", auditKey, 403},
		{"public metrics with metrics:read", s.URL + "/metrics", metricsKey, 200},
		{"public metrics with the admin key", s.URL + "/metrics", e2eAdminKey, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := call(t, "GET", tt.url, tt.key, "")
			if status != tt.want {
				t.Fatalf("status %d, want %d: %s", status, tt.want, body)
			}
			if status != 200 || !strings.HasSuffix(tt.url, "/metrics") {
				return
			}
			var p expfmt.TextParser
			fams, err := p.TextToMetricFamilies(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			for _, name := range []string{"authledger_build_info", "authledger_sign_ins_total", "go_goroutines", "process_resident_memory_bytes",
				"authledger_projection_lag_events", "authledger_http_requests_total", "authledger_outbox_handled_total"} {
				if fams[name] == nil {
					t.Errorf("no %s", name)
				}
			}
			failed := fams["authledger_projection_failed"].GetMetric()
			if len(failed) == 0 {
				t.Error("no projector reports its health")
			}
			for _, m := range failed {
				if len(m.GetLabel()) != 1 || m.GetLabel()[0].GetName() != "projector" || m.GetGauge().GetValue() != 0 {
					t.Errorf("projection health %v", m)
				}
			}
		})
	}
}

// TestServeSpeaksSlogJSON: everything serve prints is one slog JSON
// object a line on stderr (the audit key notice, the listening lines, an
// access line per request), nothing on stdout, and no query string.
func TestServeSpeaksSlogJSON(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"), "--management-addr", "127.0.0.1:0", "--log-level", "info")
	managementAddr(t, s)
	call(t, "GET", s.URL+"/api/auth/verify-email?token=querysecret0123456789", "", "")
	eventually(t, "access line", func() bool { return strings.Contains(s.Stderr(), `"route":"/api/auth/verify-email"`) })
	msgs := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(s.Stderr()), "\n") {
		var line struct{ Time, Level, Msg string }
		if err := json.Unmarshal([]byte(l), &line); err != nil || line.Time == "" || line.Level == "" || line.Msg == "" {
			t.Errorf("not a slog JSON line: %q", l)
		}
		msgs[line.Msg] = true
	}
	for _, want := range []string{"authledger listening", "authledger management listening", "request",
		"generated the audit chain signing key: back it up and keep it secret"} {
		if !msgs[want] {
			t.Errorf("no %q line in\n%s", want, s.Stderr())
		}
	}
	if out := s.stdout.String(); out != "" {
		t.Errorf("serve wrote to stdout: %q", out)
	}
	if strings.Contains(s.Stderr(), "querysecret") {
		t.Errorf("a query string reached the log:\n%s", s.Stderr())
	}
}
