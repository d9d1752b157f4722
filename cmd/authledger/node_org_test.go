package main

import (
	"net/url"
	"path/filepath"
	"testing"
)

// orgSummary is the JSON line org_client.mjs prints on success.
type orgSummary struct {
	OK             bool              `json:"ok"`
	OrganizationID string            `json:"organizationId"`
	UserIDs        map[string]string `json:"userIds"`
	Steps          []string          `json:"steps"`
}

// TestOfficialOrganizationClient runs testdata/node/org_client.mjs — the
// official better-auth client with organizationClient, unchanged — against
// the real binary, then checks the read store through the admin API: the
// organization row, and only alice's membership left.
func TestOfficialOrganizationClient(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	sum := runOrgClient(t, s, node)
	t.Logf("org client summary: %+v", sum)
	if !sum.OK || sum.OrganizationID == "" || len(sum.Steps) != 10 {
		t.Fatalf("org client summary: got %+v, want ok, an organization id and 10 steps", sum)
	}
	s.Alive()

	type group struct{ ID, Kind, Slug string }
	groups := listAll[group](t, s, "groups", url.Values{"id": {sum.OrganizationID}})
	if len(groups) != 1 || groups[0].Kind != "organization" || groups[0].Slug != "e2e-acme" {
		t.Errorf("groups row: got %+v, want one organization with slug e2e-acme", groups)
	}
	type conn struct{ FromID, Role string }
	members := listAll[conn](t, s, "connections", url.Values{"to_id": {sum.OrganizationID}, "relation": {"member_of"}})
	if len(members) != 1 || members[0].FromID != sum.UserIDs["alice"] || members[0].Role != "owner" {
		t.Errorf("member_of edges: got %+v, want alice as the only (owner) member", members)
	}
}

// runOrgClient runs org_client.mjs against s and returns its summary line.
func runOrgClient(t *testing.T, s *server, node string) orgSummary {
	t.Helper()
	return runNodeScript[orgSummary](t, s, node, "org_client.mjs", "AUTHLEDGER_PREFIX=e2e")
}
