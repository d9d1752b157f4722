package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/chain/anchor/anchortest"
	"github.com/authledger/authledger/eventstore/sqlite"
)

// anchoredReport is the audit verify output with the anchors object.
type anchoredReport struct {
	OK      bool `json:"ok"`
	Anchors *struct {
		OK       bool   `json:"ok"`
		Anchored int    `json:"anchored"`
		Pending  int    `json:"pending"`
		Reason   string `json:"reason"`
		BrokenAt uint64 `json:"brokenAt"`
	} `json:"anchors"`
}

// verifyAnchored runs audit verify with the TSA's roots and decodes the
// report (the JSON before the timing line).
func verifyAnchored(t *testing.T, dir, roots string) (anchoredReport, string, error) {
	t.Helper()
	out, err := runAuthledgerErr(t, "audit", "verify", "--data-dir", dir, "--secret", e2eSecret, "--audit-tsa-roots", roots)
	var rep anchoredReport
	if i := strings.Index(out, "{"); i >= 0 {
		_ = json.NewDecoder(strings.NewReader(out[i:])).Decode(&rep)
	}
	return rep, out, err
}

// TestAuditAnchorSQLite: with --audit-tsa-url a real TSA (openssl ts
// -reply) stamps the checkpoints — the server's background pass on start,
// "audit anchor" by hand — and audit verify checks the tokens against the
// TSA's root. A log rewritten with the signing key (a record changed,
// every later link recomputed, every checkpoint re-signed) still passes
// the plain verify, and fails the anchored one with timestamp_mismatch.
// Without --audit-tsa-roots the report has no anchors object.
func TestAuditAnchorSQLite(t *testing.T) {
	tsa := anchortest.Start(t)
	dir := filepath.Join(t.TempDir(), "data")
	tsaArgs := append([]string{"--audit-tsa-url", tsa.URL, "--log-level", "info"}, crashHashArgs...)
	s := startServer(t, dir, tsaArgs...)
	for _, e := range []string{"a1@example.org", "a2@example.org"} {
		if r := authPost(context.Background(), httpClient(), s.URL, "sign-up/email",
			map[string]string{"email": e, "password": "correct horse battery", "name": "A"}); r.Status != 200 {
			t.Fatalf("sign-up %s: %d", e, r.Status)
		}
	}
	s.Stop() // signs a checkpoint as it stops; nothing stamps it yet
	// the next start stamps it in its first background pass
	s = startServer(t, dir, tsaArgs...)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(s.Stderr(), "audit checkpoints time-stamped") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(s.Stderr(), "audit checkpoints time-stamped") {
		t.Fatalf("the server did not stamp the stored checkpoint:\n%s", s.Stderr())
	}
	if r := authPost(context.Background(), httpClient(), s.URL, "sign-up/email",
		map[string]string{"email": "a3@example.org", "password": "correct horse battery", "name": "A"}); r.Status != 200 {
		t.Fatalf("sign-up a3: %d", r.Status)
	}
	s.Stop() // a second checkpoint, signed as it stops: pending

	rep, out, err := verifyAnchored(t, dir, tsa.RootsPEM)
	if err != nil || !rep.OK || rep.Anchors == nil || !rep.Anchors.OK || rep.Anchors.Anchored < 1 || rep.Anchors.Pending != 1 {
		t.Fatalf("anchored verify before audit anchor (want ≥1 anchored, the last checkpoint pending): %v\n%s", err, out)
	}
	if out := runAuthledger(t, "audit", "anchor", "--data-dir", dir, "--secret", e2eSecret, "--audit-tsa-url", tsa.URL); !strings.Contains(out, "time-stamped 1 checkpoints") {
		t.Fatalf("audit anchor: %s", out)
	}
	rep, out, err = verifyAnchored(t, dir, tsa.RootsPEM)
	if err != nil || !rep.Anchors.OK || rep.Anchors.Pending != 0 || rep.Anchors.Anchored < 2 {
		t.Fatalf("anchored verify after audit anchor: %v\n%s", err, out)
	}
	if out := runAuthledger(t, "audit", "verify", "--data-dir", dir, "--secret", e2eSecret); strings.Contains(out, "anchors") {
		t.Errorf("verify without --audit-tsa-roots reports anchors: %s", out)
	}

	rewriteWithKey(t, dir)
	if out := runAuthledger(t, "audit", "verify", "--data-dir", dir, "--secret", e2eSecret); !strings.Contains(out, `"ok": true`) {
		t.Fatalf("the rewritten log should pass the plain verify (that is the gap anchoring closes): %s", out)
	}
	rep, out, err = verifyAnchored(t, dir, tsa.RootsPEM)
	if err == nil || rep.Anchors == nil || rep.Anchors.Reason != "timestamp_mismatch" || !strings.Contains(out, "time-stamps do not verify") {
		t.Fatalf("anchored verify of the rewritten log: err %v\n%s", err, out)
	}
}

// rewriteWithKey is the attack anchoring catches: with the signing key
// from the data directory, change the first sign-up's data, recompute
// every link after it and re-sign every checkpoint (one second later).
func rewriteWithKey(t *testing.T, dir string) {
	t.Helper()
	pemKey, err := os.ReadFile(filepath.Join(dir, chainKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	key, err := chain.ParsePrivateKey(pemKey)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "events.db")
	tamper(t, path, `DROP TRIGGER events_no_update; DROP TRIGGER chain_links_no_update; DROP TRIGGER chain_checkpoints_no_update; `+
		`UPDATE events SET data = replace(data, '"role":"user"', '"role":"admin"') WHERE pos = (SELECT min(pos) FROM events WHERE type = 'person.signed_up')`)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := st.ReadAll(ctx, eventstore.Position{}, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	cps, err := st.Chain().Checkpoints(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var prev chain.Digest
	links := map[uint64]chain.Link{}
	for i, r := range recs {
		prev = chain.NextLink(prev, r)
		l := chain.Link{Seq: uint64(i + 1), Position: r.Position, Hash: prev}
		links[l.Seq] = l
		if _, err := db.Exec("UPDATE chain_links SET hash = ? WHERE seq = ?", prev[:], l.Seq); err != nil {
			t.Fatal(err)
		}
	}
	for _, cp := range cps {
		re, err := chain.Sign(key, links[cp.Count], cp.Time.Add(time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("UPDATE chain_checkpoints SET hash = ?, signed_at = ?, signature = ? WHERE count = ?",
			re.Hash[:], re.Time.UnixNano(), re.Signature, cp.Count); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAuditAnchorPostgres: on PostgreSQL the chain leader stamps the
// checkpoint the previous node signed as it stopped, the tokens are kept
// in chain_anchors, and audit verify checks them against the TSA's root.
// Runs when AUTHLEDGER_TEST_POSTGRES is set.
func TestAuditAnchorPostgres(t *testing.T) {
	tsa := anchortest.Start(t)
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	args := []string{"--audit-tsa-url", tsa.URL, "--log-level", "info"}
	s := startPGNode(t, db, args...)
	if r := authPost(context.Background(), httpClient(), s.URL, "sign-up/email",
		map[string]string{"email": "pg-anchor@example.org", "password": "correct horse battery", "name": "P"}); r.Status != 200 {
		t.Fatalf("sign-up: %d", r.Status)
	}
	s.Stop()
	s = startPGNode(t, db, args...)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(s.Stderr(), "audit checkpoints time-stamped") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	s.Stop()
	out, err := runAuthledgerErr(t, "audit", "verify", "--database", db, "--secret", e2eSecret, "--audit-tsa-roots", tsa.RootsPEM)
	var rep anchoredReport
	if i := strings.Index(out, "{"); i >= 0 {
		_ = json.NewDecoder(strings.NewReader(out[i:])).Decode(&rep)
	}
	if err != nil || rep.Anchors == nil || !rep.Anchors.OK || rep.Anchors.Anchored < 1 {
		t.Fatalf("anchored verify on PostgreSQL: %v\n%s\nserver log:\n%s", err, out, s.Stderr())
	}
}
