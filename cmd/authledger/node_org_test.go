package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "org_client.mjs")
	cmd.Dir = nodeDir
	cmd.Env = append(cleanEnv(), "AUTHLEDGER_URL="+s.URL, "AUTHLEDGER_ORIGIN="+e2eTrustedOrigin, "AUTHLEDGER_PREFIX=e2e")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node org_client.mjs: %v\nstdout:\n%s\nstderr:\n%s\nserver stderr:\n%s", err, stdout.String(),
			stderr.String(), s.Stderr())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var sum orgSummary
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
		t.Fatalf("org_client.mjs summary line: %v\nstdout:\n%s", err, stdout.String())
	}
	return sum
}
