package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// runKeys runs "authledger keys ..." and returns its stdout and stderr
// apart (the token goes to stdout alone) and its exit status.
func runKeys(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runSubcommand(t, "keys", args...)
}

// runSubcommand runs "authledger <name> args..." with a clean
// environment and returns its stdout and stderr apart and its exit
// status.
func runSubcommand(t *testing.T, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, authledgerBinary(t), append([]string{name}, args...)...)
	cmd.Env = cleanEnv()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out.String(), errb.String(), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("authledger %s %v: %v", name, args, err)
	}
	return out.String(), errb.String(), 0
}

// operatorCall sends method path to s with key as bearer and returns the
// status and the error code of the answer.
func operatorCall(t *testing.T, s *server, method, path, key string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.Alive()
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Code string }
	_ = json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body.Code
}

// tokenPattern is an operator key's token.
var tokenPattern = regexp.MustCompile(`^alk_([A-Za-z0-9]{32})_[0-9a-f]{64}$`)

// keysScenario runs the command line's key life against the running s
// (store names its stores for the CLI): create an audit:read key, use it
// over HTTP within and beyond its scope, list it, revoke it, and see the
// server refuse it with 401 once it has read the log.
func keysScenario(t *testing.T, s *server, store ...string) {
	t.Helper()
	if out, _, code := runKeys(t, append([]string{"list"}, store...)...); code != 0 || !strings.Contains(out, "no operator keys") {
		t.Fatalf("list before: %d %q", code, out)
	}
	out, errOut, code := runKeys(t, append([]string{"create", "--name", "auditor", "--scope", "audit:read",
		"--expires", "720h"}, store...)...)
	token := strings.TrimSpace(out)
	m := tokenPattern.FindStringSubmatch(token)
	if code != 0 || m == nil || !strings.Contains(errOut, "shown this once") || strings.Contains(errOut, token) {
		t.Fatalf("create: %d stdout %q stderr %q", code, out, errOut)
	}
	id := m[1]
	eventually(t, "the server accepts the new key", func() bool {
		st, _ := operatorCall(t, s, "GET", "/v1/audit/events", token)
		return st == http.StatusOK
	})
	for _, c := range []struct{ method, path string }{
		{"POST", "/v1/people/P0000000000000000000000000000404/forget"},
		{"GET", "/v1/audit/events?include=pii"},
		{"GET", "/metrics"},
	} {
		if st, code := operatorCall(t, s, c.method, c.path, token); st != http.StatusForbidden || code != "INSUFFICIENT_SCOPE" {
			t.Errorf("%s %s with audit:read only: %d %s", c.method, c.path, st, code)
		}
	}
	out, _, code = runKeys(t, append([]string{"list"}, store...)...)
	if code != 0 || !strings.Contains(out, id) || !strings.Contains(out, "auditor") || !strings.Contains(out, "audit:read") ||
		!strings.Contains(out, "active") || strings.Contains(out, token[len(token)-64:]) {
		t.Errorf("list: %d %q", code, out)
	}
	out, _, code = runKeys(t, append([]string{"revoke", id}, store...)...)
	if code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("revoke: %d %q", code, out)
	}
	eventually(t, "the server refuses the revoked key", func() bool {
		st, code := operatorCall(t, s, "GET", "/v1/audit/events", token)
		return st == http.StatusUnauthorized && code == "OPERATOR_KEY_REVOKED"
	})
	if out, _, _ := runKeys(t, append([]string{"list"}, store...)...); !strings.Contains(out, "revoked") {
		t.Errorf("list after revoke: %q", out)
	}
	if strings.Contains(s.Stderr(), token[len(token)-64:]) {
		t.Error("the server log holds the key's secret")
	}
}

// eventually polls cond until it holds, failing after 15 s: another
// process's append reaches the server's key index when it next reads the
// log (woken by the store, or by its one-second poll).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 15 s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestKeysCLISQLite: the key life from the command line against a server
// running on the same embedded SQLite data directory.
func TestKeysCLISQLite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, crashHashArgs...)
	keysScenario(t, s, "--data-dir", dir, "--secret", e2eSecret)
}

// TestKeysCLIPostgres: the same on PostgreSQL. Runs when
// AUTHLEDGER_TEST_POSTGRES is set.
func TestKeysCLIPostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db)
	keysScenario(t, s, "--database", db, "--secret", e2eSecret)
}

// TestKeysCLIRefusals: usage mistakes exit 2 before anything is opened,
// and the commands never create a deployment where there is none.
func TestKeysCLIRefusals(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nothing-here")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no subcommand", nil, 2},
		{"unknown subcommand", []string{"rotate"}, 2},
		{"create without scope", []string{"create", "--name", "x", "--data-dir", dir}, 2},
		{"create without name", []string{"create", "--scope", "audit:read", "--data-dir", dir}, 2},
		{"bad expiry", []string{"create", "--name", "x", "--scope", "audit:read", "--expires", "soon", "--data-dir", dir}, 2},
		{"revoke without id", []string{"revoke", "--data-dir", dir}, 2},
		{"revoke a malformed id", []string{"revoke", "nope", "--data-dir", dir}, 2},
		{"list with an argument", []string{"list", "extra", "--data-dir", dir}, 2},
		{"list where nothing is", []string{"list", "--data-dir", dir}, 1},
		{"create where nothing is", []string{"create", "--name", "x", "--scope", "audit:read", "--data-dir", dir}, 1},
	}
	for _, tt := range tests {
		if _, errOut, code := runKeys(t, tt.args...); code != tt.code {
			t.Errorf("%s: exit %d, want %d (%s)", tt.name, code, tt.code, errOut)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("a keys command created %s: %v", dir, err)
	}
}

// TestKeysCLIUnknownScope: a creation naming an unknown scope fails with
// the known ones listed and writes nothing.
func TestKeysCLIUnknownScope(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	runAuthledger(t, "migrate", "--data-dir", dir, "--secret", e2eSecret)
	out, errOut, code := runKeys(t, "create", "--name", "x", "--scope", "audit:read,people:everything", "--data-dir", dir,
		"--secret", e2eSecret)
	if code != 1 || out != "" || !strings.Contains(errOut, "people:everything") || !strings.Contains(errOut, "people:erase") {
		t.Errorf("unknown scope: %d %q %q", code, out, errOut)
	}
	if out, _, _ := runKeys(t, "list", "--data-dir", dir, "--secret", e2eSecret); !strings.Contains(out, "no operator keys") {
		t.Errorf("list after a refused creation: %q", out)
	}
}
