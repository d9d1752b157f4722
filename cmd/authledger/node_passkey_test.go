package main

import (
	"net/url"
	"path/filepath"
	"testing"
)

// TestOfficialClientPasskeys runs testdata/node/passkey_client.mjs — the
// official better-auth client's $fetch on the passkey routes, answered by
// a software authenticator over node:crypto — against the real binary,
// then checks the passkey thing through the admin API.
func TestOfficialClientPasskeys(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	sum := runNodeScript[twoFactorSummary](t, s, node, "passkey_client.mjs") // same summary shape
	if !sum.OK || sum.UserID == "" || len(sum.Steps) != 4 {
		t.Fatalf("passkey client summary: got %+v, want ok, a user id and 4 steps", sum)
	}
	s.Alive()
	type thing struct{ ID, Kind, Status string }
	things := listAll[thing](t, s, "things", url.Values{"owner_id": {sum.UserID}, "kind": {"passkey"}})
	if len(things) != 1 || things[0].Status != "deleted" {
		t.Errorf("passkey things: got %+v, want one, deleted", things)
	}
}
