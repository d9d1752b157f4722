package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretRotatePostgres: the KEK rotation on PostgreSQL rewraps the
// keystore of the eventstore schema in one transaction, leaves the log
// and an erased person's missing key alone; afterwards the old KEK cannot
// rebuild the projections, the new one (--kek-secret) can, and people
// sign in. Runs when AUTHLEDGER_TEST_POSTGRES is set.
func TestSecretRotatePostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db)
	ids := map[string]string{}
	for _, e := range []string{"keep@example.org", "erase@example.org"} {
		if ids[e] = signUpOnce(context.Background(), httpClient(), s.URL, e).userID; ids[e] == "" {
			t.Fatalf("sign-up %s failed", e)
		}
	}
	s.Stop()
	cli := []string{"--database", db, "--secret", e2eSecret, "--data-dir", filepath.Join(t.TempDir(), "cli")}
	runAuthledger(t, append(append([]string{"forget"}, cli...), ids["erase@example.org"])...)
	conn, ctx := pgConnect(t, db), context.Background()
	snapshot := func(q string) string {
		var s string
		if err := conn.QueryRow(ctx, q).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	const logQ = "SELECT coalesce(string_agg(t::text, E'\\n' ORDER BY tx_id, seq), '') FROM eventstore.events t"
	const keysQ = "SELECT coalesce(string_agg(subject || ':' || encode(wrapped, 'hex'), ',' ORDER BY subject), '') FROM eventstore.keystore"
	logBefore, keysBefore := snapshot(logQ), snapshot(keysQ)

	out, err := runWithEnv(t, "AL_NEW_KEK="+rotatedKEK, append([]string{"secret", "rotate", "--new-secret-env", "AL_NEW_KEK"}, cli...)...)
	if err != nil || !strings.Contains(out, "rewrapped 1 per-person keys") || strings.Contains(out, rotatedKEK) {
		t.Fatalf("secret rotate: %v\n%s", err, out)
	}
	keysAfter := snapshot(keysQ)
	if snapshot(logQ) != logBefore {
		t.Errorf("the rotation rewrote the log")
	}
	if keysAfter == keysBefore || strings.Count(keysAfter, ":") != 1 || strings.Contains(keysAfter, ids["erase@example.org"]) {
		t.Errorf("keystore before %q, after %q", keysBefore, keysAfter)
	}
	if out, err := runAuthledgerErr(t, append([]string{"projections", "rebuild"}, cli...)...); err == nil || !strings.Contains(out, "wrong KEK") {
		t.Errorf("the old KEK still rebuilds: %v\n%s", err, out)
	}
	runAuthledger(t, append(append([]string{"projections", "rebuild"}, cli...), "--kek-secret", rotatedKEK)...)
	s = startPGNode(t, db, "--kek-secret", rotatedKEK)
	r := authPost(ctx, httpClient(), s.URL, "sign-in/email", map[string]string{"email": "keep@example.org", "password": crashPassword})
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), "keep@example.org") {
		t.Errorf("sign-in after the rotation: %d %s", r.Status, r.Body)
	}
	s.Stop()
}
