package main

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// rotatedKEK is the new key-encryption secret of the rotation tests.
const rotatedKEK = "rotated-kek-secret-0123456789abcdefghijklmnopqrstuv"

// TestSecretRotate: "authledger secret rotate" rewraps every per-person
// key under a KEK derived from the secret in the named variable, with a
// configured secret (the new one is then given as --kek-secret) and with
// the generated one (kept in the data directory). No event is rewritten,
// an erased person stays erased, the old KEK no longer reads the log,
// the new one rebuilds the live projections exactly, people sign in and
// up afterwards, and the new secret is never printed.
func TestSecretRotate(t *testing.T) {
	tests := []struct {
		name       string
		secretArgs []string // what every command gets as --secret
		afterArgs  []string // what the server needs after the rotation
		said       string   // what the rotation tells the operator
	}{
		{"configured secret", []string{"--secret", e2eSecret}, []string{"--kek-secret", rotatedKEK}, "set AUTHLEDGER_KEK_SECRET"},
		{"generated secret", []string{"--secret", ""}, nil, "saved it to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			s := startServer(t, dir, append(append([]string{}, crashHashArgs...), tt.secretArgs...)...)
			ids := map[string]string{}
			for _, e := range []string{"keep@example.org", "erase@example.org"} {
				ids[e] = signUpOnce(context.Background(), httpClient(), s.URL, e).userID
				if ids[e] == "" {
					t.Fatalf("sign-up %s failed", e)
				}
			}
			s.Stop()
			cli := append([]string{"--data-dir", dir}, tt.secretArgs...)
			runAuthledger(t, append(append([]string{"forget"}, cli...), ids["erase@example.org"])...)
			events := filepath.Join(dir, "events.db")
			logBefore := tableDigest(t, events, "SELECT pos, id, type, data, coalesce(meta, '') FROM events ORDER BY pos")

			if out, err := runWithEnv(t, "AL_NEW_KEK=short", append([]string{"secret", "rotate", "--new-secret-env", "AL_NEW_KEK"}, cli...)...); err == nil {
				t.Errorf("a short new secret was accepted: %s", out)
			}
			out, err := runWithEnv(t, "AL_NEW_KEK="+rotatedKEK, append([]string{"secret", "rotate", "--new-secret-env", "AL_NEW_KEK"}, cli...)...)
			if err != nil || !strings.Contains(out, "rewrapped 1 per-person keys") || !strings.Contains(out, tt.said) {
				t.Fatalf("secret rotate: %v\n%s", err, out)
			}
			if strings.Contains(out, rotatedKEK) {
				t.Errorf("the rotation printed the new secret")
			}
			if got := tableDigest(t, events, "SELECT pos, id, type, data, coalesce(meta, '') FROM events ORDER BY pos"); got != logBefore {
				t.Errorf("the rotation rewrote the log")
			}
			if n := countWhere(t, events, "SELECT count(*) FROM keystore WHERE subject = ?", ids["erase@example.org"]); n != 0 {
				t.Errorf("the erased person has a key again")
			}

			replay := append([]string{"replay", "--until", "2999-01-01T00:00:00Z"}, cli...)
			oldKEK := append(append([]string{}, replay...), "--into", filepath.Join(t.TempDir(), "old"), "--kek-secret", oldKEKOf(t, dir, tt.secretArgs))
			if out, err := runAuthledgerErr(t, oldKEK...); err == nil || !strings.Contains(out, "wrong KEK") {
				t.Errorf("the old KEK still reads the log: %v\n%s", err, out)
			}
			rebuilt := filepath.Join(t.TempDir(), "new")
			runAuthledger(t, append(append(append([]string{}, replay...), "--into", rebuilt), tt.afterArgs...)...)
			compareReadStores(t, filepath.Join(dir, "ontology.db"), filepath.Join(rebuilt, "ontology.db"))

			if tt.afterArgs != nil { // the old KEK is refused at start, before any key is wrapped with it
				out, err := runAuthledgerErr(t, append([]string{"projections", "status"}, cli...)...)
				if err == nil || !strings.Contains(out, "wrong KEK") || !strings.Contains(out, "--kek-secret") {
					t.Errorf("the old KEK was accepted at start: %v\n%s", err, out)
				}
			}
			s = startServer(t, dir, append(append(append([]string{}, crashHashArgs...), tt.secretArgs...), tt.afterArgs...)...)
			r := authPost(context.Background(), httpClient(), s.URL, "sign-in/email",
				map[string]string{"email": "keep@example.org", "password": crashPassword})
			if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "keep@example.org") {
				t.Errorf("sign-in after the rotation: %d %s", r.Status, r.Body)
			}
			if o := signUpOnce(context.Background(), httpClient(), s.URL, "after@example.org"); o.status != http.StatusOK {
				t.Errorf("sign-up after the rotation: %d %s", o.status, o.body)
			}
			s.Stop()
			if got := tableDigest(t, events, "SELECT pos, id, type, data, coalesce(meta, '') FROM events ORDER BY pos"); !strings.HasPrefix(got, logBefore) {
				t.Errorf("the log's earlier records changed after the restart")
			}
		})
	}
}

// oldKEKOf is the secret the KEK was derived from before the rotation.
func oldKEKOf(t *testing.T, dir string, secretArgs []string) string {
	t.Helper()
	if secretArgs[1] != "" {
		return secretArgs[1]
	}
	b, err := os.ReadFile(filepath.Join(dir, secretFile))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// runWithEnv runs a subcommand with one more environment variable
// (name=value) and returns its combined output and exit error.
func runWithEnv(t *testing.T, kv string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, authledgerBinary(t), args...)
	cmd.Env = append(cleanEnv(), kv)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// tableDigest concatenates every row a query returns (a stopped server's
// SQLite file), to compare whole tables.
func tableDigest(t *testing.T, path, query string) string {
	t.Helper()
	db := openReadOnly(t, path)
	rows := dumpQuery(t, db, query)
	return strings.Join(rows, "\n")
}

// dumpQuery returns each row of query as its columns joined by tabs.
func dumpQuery(t *testing.T, db *sql.DB, query string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.String
		}
		out = append(out, strings.Join(parts, "\t"))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// countWhere runs a count query on a stopped server's SQLite file.
func countWhere(t *testing.T, path, query string, args ...any) int {
	t.Helper()
	var n int
	if err := openReadOnly(t, path).QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
