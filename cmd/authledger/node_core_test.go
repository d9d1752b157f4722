package main

import (
	"path/filepath"
	"testing"
)

// coreSummary is the JSON line core_client.mjs prints on success.
type coreSummary struct {
	OK    bool     `json:"ok"`
	Steps []string `json:"steps"`
}

// TestOfficialClientCoreRoutes runs testdata/node/core_client.mjs — the
// official better-auth client with multiSessionClient, unchanged — against
// the real binary: list-sessions/get-session/revoke-session consistency,
// verify-password, update-session and multi-session set-active/revoke.
func TestOfficialClientCoreRoutes(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	sum := runNodeScript[coreSummary](t, s, node, "core_client.mjs")
	t.Logf("core client summary: %+v", sum)
	if !sum.OK || len(sum.Steps) != 7 {
		t.Fatalf("core client summary: got %+v, want ok and 7 steps", sum)
	}
	s.Alive()
}
