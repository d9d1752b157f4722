package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAuditExportCommand: "authledger audit export" streams every row with
// its OWASP name; PII only with --include-pii; never a secret; the export
// itself is recorded as audit.read.
func TestAuditExportCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, erasureArgs()...)
	erasureCall(t, s, "/api/auth/sign-up/email", map[string]any{"email": erasureSubject.Email, "password": "correct horse battery", "name": erasureSubject.Name})
	erasureCall(t, s, "/api/auth/sign-in/email", map[string]any{"email": erasureSubject.Email, "password": "wrong horse battery"})
	s.Stop()
	base := []string{"audit", "export", "--data-dir", dir, "--secret", e2eSecret}
	plain := filepath.Join(t.TempDir(), "plain.ndjson")
	runAuthledger(t, append(base, "--out", plain)...)
	withPII := filepath.Join(t.TempDir(), "pii.ndjson")
	runAuthledger(t, append(base, "--out", withPII, "--include-pii")...)
	rows := readNDJSON(t, plain)
	names := map[string]bool{}
	for _, r := range rows {
		names[r["owasp"].(string)] = true
	}
	for _, want := range []string{"user_created", "session_created", "authn_login_fail"} {
		if !names[want] {
			t.Errorf("export has no %s row (names %v)", want, names)
		}
	}
	p, _ := os.ReadFile(plain)
	q, _ := os.ReadFile(withPII)
	if bytes.Contains(p, []byte(erasureSubject.Email)) || !bytes.Contains(q, []byte(erasureSubject.Email)) || !bytes.Contains(q, []byte(erasureSubject.IP)) {
		t.Errorf("PII: in plain export %v, in --include-pii export %v", bytes.Contains(p, []byte(erasureSubject.Email)), bytes.Contains(q, []byte(erasureSubject.Email)))
	}
	for _, secret := range []string{"argon2", "correct horse", "wrong horse", "tokenHash", "passwordHash"} {
		if bytes.Contains(q, []byte(secret)) {
			t.Errorf("export holds %q", secret)
		}
	}
	again := readNDJSON(t, withPII)
	if last := again[len(again)-1]; last["type"] != "audit.read" || !strings.Contains(last["owasp"].(string), "sensitive_read") {
		t.Errorf("last row of the second export is %v, want the export's own audit.read", last["type"])
	}
}

func readNDJSON(t *testing.T, path string) []map[string]any {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		rows = append(rows, m)
	}
	if len(rows) == 0 {
		t.Fatal("empty export")
	}
	return rows
}
