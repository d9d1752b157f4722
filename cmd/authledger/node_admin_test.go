package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// adminSummary is the JSON line admin_client.mjs prints on success.
type adminSummary struct {
	OK    bool     `json:"ok"`
	Steps []string `json:"steps"`
}

// nodeAdmin is the administrator the admin client signs in as.
var nodeAdmin = struct{ Email, Password string }{"ada.admin@example.test", "correct horse battery staple 1"}

// TestOfficialClientAdminPlugin: Ada signs up, the operator makes her an
// administrator with "authledger people set-role" on the data directory,
// then testdata/node/admin_client.mjs — the official better-auth client
// with adminClient, unchanged — drives every admin route against the real
// binary: create-user, list-users (search, sort, pages), set-role,
// ban/unban (BANNED_USER), list/revoke user sessions, impersonate/stop,
// set-user-password, remove-user and has-permission.
func TestOfficialClientAdminPlugin(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, crashHashArgs...)
	res := callFrom(t, s, "/api/auth/sign-up/email", map[string]any{"email": nodeAdmin.Email,
		"password": nodeAdmin.Password, "name": "Ada"}, "127.0.0.1", "go-test")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("sign-up: %d", res.StatusCode)
	}
	s.Stop() // the embedded store: grant the role while the server is stopped
	if _, err := runAuthledgerErr(t, "people", "set-role", "--data-dir", dir, "--secret", e2eSecret,
		"nobody@example.test", "admin"); err == nil {
		t.Error("set-role for an unknown address succeeded")
	}
	out := runAuthledger(t, "people", "set-role", "--data-dir", dir, "--secret", e2eSecret, nodeAdmin.Email, "admin")
	if !strings.Contains(out, "now has role admin") {
		t.Fatalf("people set-role: %s", out)
	}
	s = startServer(t, dir, crashHashArgs...)
	sum := runNodeScript[adminSummary](t, s, node, "admin_client.mjs",
		"ADMIN_EMAIL="+nodeAdmin.Email, "ADMIN_PASSWORD="+nodeAdmin.Password)
	t.Logf("admin client summary: %+v", sum)
	if !sum.OK || len(sum.Steps) != 9 {
		t.Fatalf("admin client summary: got %+v, want ok and 9 steps", sum)
	}
	s.Alive()
}
