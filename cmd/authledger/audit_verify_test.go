package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestAuditVerify: the chain the server keeps verifies
// over HTTP and on the command line; altering, deleting or swapping a past
// record (with the immutability triggers dropped, as an attacker with the
// file would) makes "authledger audit verify" exit non-zero naming the
// first broken position and the reason; an erasure never breaks it.
func TestAuditVerify(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, crashHashArgs...)
	for _, e := range []string{"v1@example.org", "v2@example.org", "v3@example.org"} {
		if r := authPost(context.Background(), httpClient(), s.URL, "sign-up/email",
			map[string]string{"email": e, "password": "correct horse battery", "name": "V"}); r.Status != 200 {
			t.Fatalf("sign-up %s: %d", e, r.Status)
		}
	}
	var rep struct {
		OK      bool   `json:"ok"`
		Records uint64 `json:"records"`
	}
	deadline := time.Now().Add(30 * time.Second)
	for rep.Records < 9 && time.Now().Before(deadline) { // 3 sign-ups × 3 events, chained off the hot path
		s.adminGet(t, "/v1/audit/verify", &rep)
		time.Sleep(20 * time.Millisecond)
	}
	if !rep.OK || rep.Records < 9 {
		t.Fatalf("GET /v1/audit/verify: %+v", rep)
	}
	s.Stop()
	args := []string{"audit", "verify", "--json", "--data-dir", dir, "--secret", e2eSecret}
	if out := runAuthledger(t, args...); !strings.Contains(out, `"ok": true`) || !strings.Contains(out, `"after": "0.0"`) {
		t.Fatalf("verify on the untouched log: %s", out)
	}
	text := runAuthledger(t, "audit", "verify", "--data-dir", dir, "--secret", e2eSecret)
	if !regexp.MustCompile(`(?m)^intact: \d+ records after 0\.0 up to \d+\.\d+, \d+ checkpoints$`).MatchString(text) {
		t.Fatalf("verify, text: %s", text)
	}
	tests := []struct {
		name, sql, reason string
	}{
		{"change a byte", "DROP TRIGGER events_no_update; UPDATE events SET data = replace(data, '\"at\"', '\"At\"') WHERE pos = 4", "record_changed"},
		{"delete a record", "DROP TRIGGER events_no_delete; DELETE FROM events WHERE pos = 5", "record_"},
		{"swap two records", "DROP TRIGGER events_no_update; UPDATE events SET type = CASE pos WHEN 2 THEN (SELECT type FROM events WHERE pos = 3) ELSE (SELECT type FROM events WHERE pos = 2) END WHERE pos IN (2, 3)", "record_changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cp := copyDataDir(t, dir)
			tamper(t, filepath.Join(cp, "events.db"), tt.sql)
			out, err := runAuthledgerErr(t, "audit", "verify", "--data-dir", cp, "--secret", e2eSecret)
			if err == nil || !strings.Contains(out, "audit chain broken at position") || !strings.Contains(out, tt.reason) {
				t.Errorf("verify after %s: err %v\n%s", tt.name, err, out)
			}
		})
	}
}

// runAuthledgerErr runs a subcommand and returns its combined output and
// its exit error.
func runAuthledgerErr(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, authledgerBinary(t), args...)
	cmd.Env = cleanEnv()
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// copyDataDir copies a stopped server's data directory.
func copyDataDir(t *testing.T, dir string) string {
	t.Helper()
	cp := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(cp, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return cp
}

// tamper edits the SQLite file directly.
func tamper(t *testing.T, path, stmts string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range strings.Split(stmts, "; ") {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func httpClient() *http.Client { return &http.Client{Timeout: 30 * time.Second} }
