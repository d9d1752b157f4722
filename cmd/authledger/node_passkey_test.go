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

// TestOfficialClientPasskeys runs testdata/node/passkey_client.mjs — the
// official better-auth client's $fetch on the passkey routes, answered by
// a software authenticator over node:crypto — against the real binary,
// then checks the passkey thing through the admin API.
func TestOfficialClientPasskeys(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "passkey_client.mjs")
	cmd.Dir = nodeDir
	cmd.Env = append(cleanEnv(), "AUTHLEDGER_URL="+s.URL, "AUTHLEDGER_ORIGIN="+e2eTrustedOrigin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node passkey_client.mjs: %v\nstdout:\n%s\nstderr:\n%s\nserver stderr:\n%s", err, stdout.String(),
			stderr.String(), s.Stderr())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var sum struct {
		OK     bool     `json:"ok"`
		UserID string   `json:"userId"`
		Steps  []string `json:"steps"`
	}
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
		t.Fatalf("passkey_client.mjs summary line: %v\nstdout:\n%s", err, stdout.String())
	}
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
