package main

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestErasureSeenByAnotherNodePostgres: node b served the person, so b's
// key cache holds their data key, when node a erases them. b's log
// follower sees person.erased and drops its cached keys and decrypted
// states, so b's audit rows with personal data stop showing the email —
// it does not live on in b's memory until b restarts. Runs when
// AUTHLEDGER_TEST_POSTGRES is set.
func TestErasureSeenByAnotherNodePostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	a := startPGNode(t, db, "--trusted-proxies", "127.0.0.1/32")
	b := startPGNode(t, db, "--trusted-proxies", "127.0.0.1/32")
	id, _ := erasureSetup(t, b)
	email := erasureSubject.Email
	if got := auditWithPII(t, b, id); !strings.Contains(got, email) {
		t.Fatalf("before the erasure node b's audit rows with personal data do not show the email: %s", got)
	}
	erasureForget(t, a, id)
	deadline := time.Now().Add(15 * time.Second) // generous: the follower polls the log; this bounds a hang, not speed
	for strings.Contains(auditWithPII(t, b, id), email) {
		if time.Now().After(deadline) {
			t.Fatal("node b still decrypts the erased person's email with a key destroyed by node a")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// auditWithPII is the JSON of the subject's audit rows with their
// personal data, read through s with the operator key.
func auditWithPII(t *testing.T, s *server, subject string) string {
	t.Helper()
	var page json.RawMessage
	s.adminGet(t, "/v1/audit/events?"+url.Values{"subject": {subject}, "include": {"pii"}, "limit": {"1000"}}.Encode(), &page)
	return string(page)
}
