package main

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"
)

// TestReplayMatchesSnapshot: the live projections are copied when the log
// is at position P; after more traffic, "authledger replay --until P"
// rebuilds exactly that copy, table by table; replaying to the head gives
// the live projections of the end.
func TestReplayMatchesSnapshot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, crashHashArgs...)
	p := replayTraffic(t, s, "a", 3)
	s.Stop()
	snapshot := copyDataDir(t, dir)
	s = startServer(t, dir, crashHashArgs...)
	replayTraffic(t, s, "b", 2)
	s.Stop()
	past := filepath.Join(t.TempDir(), "past")
	out := runAuthledger(t, "replay", "--until", p, "--into", past, "--data-dir", dir, "--secret", e2eSecret)
	if !regexp.MustCompile(`replayed \d+ events up to position \S+ into .* in \S+ \(\d+ events/s; catch-up \S+, carried rows \S+, promote \S+\)`).MatchString(out) {
		t.Fatalf("replay output: %s", out)
	}
	compareReadStores(t, filepath.Join(snapshot, "ontology.db"), filepath.Join(past, "ontology.db"))
	now := filepath.Join(t.TempDir(), "now")
	runAuthledger(t, "replay", "--until", "2999-01-01T00:00:00Z", "--into", now, "--data-dir", dir, "--secret", e2eSecret)
	compareReadStores(t, filepath.Join(dir, "ontology.db"), filepath.Join(now, "ontology.db"))
	if out, err := runAuthledgerErr(t, "replay", "--until", p, "--into", dir, "--data-dir", dir, "--secret", e2eSecret); err == nil {
		t.Errorf("replay into the live data directory was accepted: %s", out)
	}
}

// replayTraffic signs n people up (one failed sign-in each) and returns
// the last consistency token.
func replayTraffic(t *testing.T, s *server, tag string, n int) string {
	t.Helper()
	ctx, client, last := context.Background(), httpClient(), ""
	for i := range n {
		email := "replay-" + tag + string(rune('0'+i)) + "@example.org"
		r := authPost(ctx, client, s.URL, "sign-up/email", map[string]string{"email": email, "password": "correct horse battery", "name": "R " + tag})
		if r.Status != 200 {
			t.Fatalf("sign-up: %d", r.Status)
		}
		authPost(ctx, client, s.URL, "sign-in/email", map[string]string{"email": email, "password": "wrong horse battery"})
		r = authPost(ctx, client, s.URL, "sign-in/email", map[string]string{"email": email, "password": "correct horse battery"})
		if r.Status != 200 || r.Token == "" {
			t.Fatalf("sign-in: %d", r.Status)
		}
		last = r.Token
	}
	return last
}
