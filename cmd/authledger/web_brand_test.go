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
		{"/ui/theme.css", "--primary:#aa0011;"},
		{"/ui/theme.css", "--bg:#fff}"},
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
		{"--brand-color", "#ffcc00"},   // white button text at 1.51:1
		{"--brand-background", "#333"}, // body text at 1.32:1
	} {
		var out, errOut bytes.Buffer
		all := append([]string{"serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--secret", e2eSecret}, args...)
		if err := run(context.Background(), all, env(nil), &out, &errOut); !errors.Is(err, errUsage) {
			t.Errorf("serve %v: %v, want a usage error", args, err)
		}
	}
}

// TestServeBrandingNamesContrast: an unreadable brand colour is refused
// with the computed contrast ratio, so the operator knows how far off it is.
func TestServeBrandingNamesContrast(t *testing.T) {
	var out, errOut bytes.Buffer
	all := []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", t.TempDir(), "--secret", e2eSecret, "--brand-color", "#ffcc00"}
	err := run(context.Background(), all, env(nil), &out, &errOut)
	if !errors.Is(err, errUsage) {
		t.Fatalf("serve --brand-color #ffcc00: %v, want a usage error", err)
	}
	if msg := err.Error() + errOut.String(); !strings.Contains(msg, "1.51:1") || !strings.Contains(msg, "4.5:1") {
		t.Errorf("refusal %q does not name the ratio 1.51:1 and the 4.5:1 needed", msg)
	}
}
