package httpapi

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the server's writes and the
// test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestAccessLog: every request logs one JSON line at info with the
// method, route template, status, latency and request id; a token in the
// path or the query, the body and the headers never reach the log.
func TestAccessLog(t *testing.T) {
	var logs syncBuffer
	h := newHarness(t, func(c *Config) {
		c.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	})
	const secret = "tok3nS3cretValue0123456789abcdefXYZ"
	tests := []struct {
		name       string
		r          req
		wantMethod string
		wantRoute  string
	}{
		{"token in the path", req{method: "GET", path: "/api/auth/reset-password/" + secret + "?callbackURL=/x"}, "GET", "/api/auth/reset-password/:token"},
		{"token in the query", req{method: "GET", path: "/api/auth/verify-email?token=" + secret}, "GET", "/api/auth/verify-email"},
		{"password in the body", req{method: "POST", path: "/api/auth/sign-in/email",
			body: `{"email":"a@example.com","password":"` + secret + `"}`}, "POST", "/api/auth/sign-in/email"},
		{"bearer header", req{method: "GET", path: "/api/auth/get-session", headers: map[string]string{"Authorization": "Bearer " + secret}},
			"GET", "/api/auth/get-session"},
		{"unmatched path with a token", req{method: "GET", path: "/nowhere/" + secret}, "GET", "unmatched"},
		{"made-up method", req{method: "BREW", path: "/api/auth/ok"}, "other", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(logs.String())
			r := h.doNoFollow(tt.r)
			var lines []map[string]any
			sc := bufio.NewScanner(strings.NewReader(logs.String()[before:]))
			for sc.Scan() {
				var l map[string]any
				if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
					t.Fatalf("not JSON: %q", sc.Text())
				}
				if l["msg"] == "request" {
					lines = append(lines, l)
				}
			}
			if len(lines) != 1 {
				t.Fatalf("%d access lines, want 1: %s", len(lines), logs.String()[before:])
			}
			l := lines[0]
			if l["level"] != "INFO" || l["method"] != tt.wantMethod || l["status"] != float64(r.status) ||
				l["request_id"] != r.header.Get("X-Request-Id") || l["request_id"] == "" {
				t.Errorf("line %v for status %d, request id %q", l, r.status, r.header.Get("X-Request-Id"))
			}
			if tt.wantRoute != "" && l["route"] != tt.wantRoute {
				t.Errorf("route %v, want %s", l["route"], tt.wantRoute)
			}
			if _, ok := l["latency_ms"].(float64); !ok {
				t.Errorf("no latency_ms in %v", l)
			}
		})
	}
	if strings.Contains(logs.String(), secret) {
		t.Errorf("the log carries the secret:\n%s", logs.String())
	}
}
