package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/compliance"
)

// TestAuditCheckpointsExport: exported checkpoints catch what the stored
// ones cannot — an attacker who cuts the tail of the log together with its
// links and the stored checkpoints.
func TestAuditCheckpointsExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, crashHashArgs...)
	for _, e := range []string{"c1@example.org", "c2@example.org", "c3@example.org"} {
		if r := authPost(context.Background(), httpClient(), s.URL, "sign-up/email",
			map[string]string{"email": e, "password": "correct horse battery", "name": "C"}); r.Status != 200 {
			t.Fatalf("sign-up %s: %d", e, r.Status)
		}
	}
	var got compliance.CheckpointExport
	s.adminGet(t, "/v1/audit/checkpoints", &got)
	if !strings.Contains(got.PublicKey, "PUBLIC KEY") {
		t.Fatalf("GET /v1/audit/checkpoints: %+v", got)
	}
	s.Stop() // the chainer signs the tail on the way out
	out := filepath.Join(t.TempDir(), "checkpoints.json")
	runAuthledger(t, "audit", "checkpoints", "--out", out, "--data-dir", dir, "--secret", e2eSecret)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var exp compliance.CheckpointExport
	if err := json.Unmarshal(b, &exp); err != nil || len(exp.Checkpoints) == 0 {
		t.Fatalf("exported %s: %v", b, err)
	}
	cp := copyDataDir(t, dir)
	tamper(t, filepath.Join(cp, "events.db"), "DROP TRIGGER events_no_delete; DROP TRIGGER chain_links_no_delete; "+
		"DROP TRIGGER chain_checkpoints_no_delete; DELETE FROM chain_checkpoints; "+
		"DELETE FROM chain_links WHERE position > 6; DELETE FROM events WHERE pos > 6")
	if o, err := runAuthledgerErr(t, "audit", "verify", "--data-dir", cp, "--secret", e2eSecret); err != nil {
		t.Fatalf("without the exported checkpoints the cut is consistent (%v): %s", err, o)
	}
	o, err := runAuthledgerErr(t, "audit", "verify", "--checkpoints", out, "--data-dir", cp, "--secret", e2eSecret)
	if err == nil || !strings.Contains(o, "log_truncated") {
		t.Errorf("verify with the exported checkpoints: %v\n%s", err, o)
	}
}
