package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	coltrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"
)

// otlpSink is a collector endpoint that keeps every exported span.
type otlpSink struct {
	mu    sync.Mutex
	names []string
	texts []string // every name and attribute value, for the secret scan
}

// ServeHTTP takes one OTLP/HTTP protobuf export.
func (o *otlpSink) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var req coltrace.ExportTraceServiceRequest
	if r.URL.Path != "/v1/traces" || proto.Unmarshal(body, &req) != nil {
		http.Error(w, "bad export", http.StatusBadRequest)
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, rs := range req.ResourceSpans {
		for _, ss := range rs.ScopeSpans {
			for _, s := range ss.Spans {
				o.names = append(o.names, s.Name)
				o.texts = append(o.texts, s.Name)
				for _, a := range s.Attributes {
					o.texts = append(o.texts, a.Key, a.Value.String())
				}
			}
		}
	}
	w.Header().Set("Content-Type", "application/x-protobuf")
	b, _ := proto.Marshal(&coltrace.ExportTraceServiceResponse{})
	_, _ = w.Write(b)
}

// TestServeExportsTraces: with --otlp-endpoint the binary exports, by the
// time it has shut down, the spans of a sign-up (request, command, append)
// to the collector, and none holds the email, password or token.
func TestServeExportsTraces(t *testing.T) {
	sink := &otlpSink{}
	collector := httptest.NewServer(sink)
	defer collector.Close()
	s := startServer(t, filepath.Join(t.TempDir(), "data"), append([]string{"--otlp-endpoint", collector.URL}, crashHashArgs...)...)
	const email, pw = "exported@example.com", "correct horse battery 7"
	body := `{"email":"` + email + `","password":"` + pw + `","name":"E"}`
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/auth/sign-up/email", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", e2eTrustedOrigin)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("sign-up = %d", resp.StatusCode)
	}
	var token string
	for _, c := range resp.Cookies() {
		if c.Name == "better-auth.session_token" {
			token, _, _ = strings.Cut(c.Value, ".")
		}
	}
	s.Stop() // shutdown flushes the batch

	sink.mu.Lock()
	defer sink.mu.Unlock()
	for _, want := range []string{"POST /api/auth/sign-up/email", "eventstore.append"} {
		if !contains(sink.names, want) {
			t.Errorf("no %q span exported (got %v)", want, sink.names)
		}
	}
	if !containsPrefix(sink.names, "command ") && !contains(sink.names, "app.commit") {
		t.Errorf("no command span exported (got %v)", sink.names)
	}
	for _, txt := range sink.texts {
		for _, sec := range []string{email, pw, token} {
			if sec != "" && strings.Contains(txt, sec) {
				t.Errorf("an exported span holds a secret: %q", txt)
			}
		}
	}
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// containsPrefix reports whether an entry of list starts with prefix.
func containsPrefix(list []string, prefix string) bool {
	for _, x := range list {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}
