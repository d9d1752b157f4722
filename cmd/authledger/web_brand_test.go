package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestServeBranding: the brand flags reach the hosted pages.
func TestServeBranding(t *testing.T) {
	srv := startServer(t, t.TempDir(), "--brand-name", "Acme ID", "--brand-color", "#aa0011",
		"--brand-background", "#fff", "--redirect-after-sign-in", "/app")
	tests := []struct{ path, want string }{
		{"/ui/sign-in", "<title>Sign in · Acme ID</title>"},
		{"/ui/sign-in", `data-redirect="/app"`},
		{"/ui/theme.css", ":root{--primary:#aa0011;--bg:#fff}"},
	}
	for _, tt := range tests {
		res, err := http.Get(srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.Contains(string(b), tt.want) {
			t.Errorf("GET %s = %d, body lacks %q", tt.path, res.StatusCode, tt.want)
		}
	}
}

// TestServeBrandingRejectsBadValues: a colour that could inject CSS or a
// redirect to another site is a usage error (exit 2), not a silent default.
func TestServeBrandingRejectsBadValues(t *testing.T) {
	for _, args := range [][]string{
		{"--brand-color", "red;}body{display:none"},
		{"--brand-background", "white"},
		{"--redirect-after-sign-in", "https://evil.test"},
		{"--redirect-after-sign-in", "//evil.test"},
	} {
		var out, errOut bytes.Buffer
		all := append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--secret", e2eSecret}, args...)
		if err := run(context.Background(), all, env(nil), &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("serve %v: %v, want a usage error", args, err)
		}
	}
}
