package main

import (
	"net/url"
	"path/filepath"
	"testing"
)

// twoFactorSummary is the JSON line twofactor_client.mjs prints on success.
type twoFactorSummary struct {
	OK     bool     `json:"ok"`
	UserID string   `json:"userId"`
	Steps  []string `json:"steps"`
}

// TestOfficialTwoFactorClient runs testdata/node/twofactor_client.mjs —
// the official better-auth client with twoFactorClient, unchanged —
// against the real binary, then checks the projections through the admin
// API: the person's TOTP factor thing and mfa_methods fact.
func TestOfficialTwoFactorClient(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	sum := runTwoFactorClient(t, s, node)
	t.Logf("two-factor client summary: %+v", sum)
	if !sum.OK || sum.UserID == "" || len(sum.Steps) != 8 {
		t.Fatalf("two-factor client summary: got %+v, want ok, a user id and 8 steps", sum)
	}
	s.Alive()

	type thing struct{ ID, Kind, Status string }
	things := listAll[thing](t, s, "things", url.Values{"owner_id": {sum.UserID}, "kind": {"totp_factor"}})
	if len(things) != 1 || things[0].Status != "disabled" {
		t.Errorf("totp_factor things: got %+v, want one, disabled", things)
	}
}

// runTwoFactorClient runs twofactor_client.mjs against s and returns its
// summary line.
func runTwoFactorClient(t *testing.T, s *server, node string) twoFactorSummary {
	t.Helper()
	return runNodeScript[twoFactorSummary](t, s, node, "twofactor_client.mjs")
}
