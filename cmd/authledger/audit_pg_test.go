package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// TestAuditVerifyPostgres: on PostgreSQL the serve follower keeps the
// chain too; GET /v1/audit/verify and "authledger audit verify" pass and
// checkpoints are signed with the key derived from --secret (every node
// the same). Runs when AUTHLEDGER_TEST_POSTGRES is set.
func TestAuditVerifyPostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db)
	for _, e := range []string{"pv1@example.org", "pv2@example.org"} {
		if r := authPost(context.Background(), httpClient(), s.URL, "sign-up/email",
			map[string]string{"email": e, "password": "correct horse battery", "name": "V"}); r.Status != 200 {
			t.Fatalf("sign-up %s: %d", e, r.Status)
		}
	}
	var rep struct {
		OK      bool   `json:"ok"`
		Records uint64 `json:"records"`
	}
	for deadline := time.Now().Add(30 * time.Second); rep.Records < 6 && time.Now().Before(deadline); {
		s.adminGet(t, "/v1/audit/verify", &rep)
		time.Sleep(20 * time.Millisecond)
	}
	if !rep.OK || rep.Records < 6 {
		t.Fatalf("GET /v1/audit/verify: %+v", rep)
	}
	s.Stop()
	out := runAuthledger(t, "audit", "verify", "--json", "--database", db, "--secret", e2eSecret)
	if !strings.Contains(out, `"ok": true`) || !strings.Contains(out, `"checkpoints": `) {
		t.Fatalf("audit verify: %s", out)
	}
}
