package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestPeopleSetRolePostgres: on PostgreSQL the operator grants the admin
// role while the server runs; the server's session index follows the log,
// so the next admin request of the person is allowed. Runs when
// AUTHLEDGER_TEST_POSTGRES is set.
func TestPeopleSetRolePostgres(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	migratePG(t, db)
	s := startPGNode(t, db)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	up := authCall(ctx, http.DefaultClient, s.URL, pgCall{method: "POST", path: "sign-up/email",
		body: map[string]any{"email": "ada@example.test", "password": "correct horse battery staple", "name": "Ada"}})
	if up.status != http.StatusOK {
		t.Fatalf("sign-up: %s", up)
	}
	list := func() pgReply {
		return authCall(ctx, http.DefaultClient, s.URL, pgCall{method: "GET", path: "admin/list-users", cookie: up.cookie})
	}
	if r := list(); r.status != http.StatusForbidden || r.code() != "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS" {
		t.Fatalf("list-users before the grant: %s", r)
	}
	out := runAuthledger(t, "people", "set-role", "--database", db, "--secret", e2eSecret, "ada@example.test", "admin")
	if !strings.Contains(out, "now has role admin") {
		t.Fatalf("people set-role: %s", out)
	}
	var last pgReply
	if !waitFor(0, 10*time.Second, func() bool { last = list(); return last.status == http.StatusOK }) {
		t.Fatalf("list-users after the grant: %s", last)
	}
	if !strings.Contains(string(last.body), `"role":"admin"`) {
		t.Errorf("list-users: %s", last.body)
	}
}
