package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"testing"
)

// TestHealthcheckCmd: the probe exits 0 only on a 2xx answer; a 503, a
// redirect, a refused connection and bad flags fail with their exit codes.
func TestHealthcheckCmd(t *testing.T) {
	handler := http.NewServeMux()
	handler.HandleFunc("/ok", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(200) })
	handler.HandleFunc("/busy", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) })
	handler.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	ts := httptest.NewServer(handler)
	defer ts.Close()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/readyz"
	l.Close()
	tests := []struct {
		name string
		args []string
		exit int
	}{
		{"2xx", []string{"--url", ts.URL + "/ok"}, 0},
		{"503", []string{"--url", ts.URL + "/busy"}, 1},
		{"redirect not followed", []string{"--url", ts.URL + "/moved"}, 1},
		{"404", []string{"--url", ts.URL + "/nope"}, 1},
		{"refused", []string{"--url", closed}, 1},
		{"not a URL", []string{"--url", "127.0.0.1:8080/readyz"}, 2},
		{"other scheme", []string{"--url", "ftp://127.0.0.1/readyz"}, 2},
		{"bad timeout", []string{"--url", ts.URL + "/ok", "--timeout", "0s"}, 2},
		{"stray argument", []string{"extra"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(t.Context(), append([]string{"healthcheck"}, tt.args...), func(string) string { return "" }, io.Discard, io.Discard)
			if got := exitOf(err); got != tt.exit {
				t.Errorf("exit %d (%v), want %d", got, err, tt.exit)
			}
		})
	}
}

// TestHealthcheckAgainstServer runs the built binary's probe against a
// real node's /readyz and /healthz, as the image's HEALTHCHECK does.
func TestHealthcheckAgainstServer(t *testing.T) {
	s := startServer(t, t.TempDir())
	for _, path := range []string{"/readyz", "/healthz"} {
		out, err := exec.Command(s.bin, "healthcheck", "--url", s.URL+path).CombinedOutput()
		if err != nil {
			t.Errorf("healthcheck %s: %v\n%s", path, err, out)
		}
	}
	out, err := exec.Command(s.bin, "healthcheck", "--url", s.URL+"/api/auth/no-such-route").CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("healthcheck of a missing route: %v\n%s", err, out)
	}
}

// exitOf is the exit status main gives err.
func exitOf(err error) int {
	if err == nil {
		return 0
	}
	return exitCode(err)
}
