package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
)

// nodeDir holds the Node project that drives the official Better Auth client.
const nodeDir = "testdata/node"

// betterAuthVersion is the client version the wire contract was observed on.
const betterAuthVersion = "1.7.25"

// clientSummary is the JSON line client.mjs prints on success.
type clientSummary struct {
	OK             bool     `json:"ok"`
	Email          string   `json:"email"`
	UserID         string   `json:"userId"`
	SessionsListed int      `json:"sessionsListed"`
	Plugins        []string `json:"plugins"`
	Steps          []string `json:"steps"`
}

// TestOfficialBetterAuthClient runs testdata/node/client.mjs — the official
// better-auth client, unchanged — against the real binary, then checks
// through the admin API that the flow left the person, the audit trail and
// the session rows it should.
func TestOfficialBetterAuthClient(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t) // build (or skip in -short mode) before installing packages
	ensureNodeModules(t, npm)

	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	email := "node-client@example.test"
	sum := runClient(t, s, node, email)
	t.Logf("client summary: %+v", sum)
	if !sum.OK || sum.Email != email || sum.SessionsListed != 2 || sum.UserID == "" {
		t.Fatalf("client summary: got %+v, want ok, email %q, 2 sessions listed, a user id", sum, email)
	}
	s.Alive()

	checkPerson(t, s, sum)
	checkAuditTrail(t, s, sum.UserID)
	checkSessionsClosed(t, s, sum.UserID)
}

// nodeTools returns the paths of node and npm, or ends the test through
// tooltest when either is missing.
func nodeTools(t *testing.T) (node, npm string) {
	t.Helper()
	const install = "apt-get install nodejs npm; .ci/run installs them; they run the official Better Auth client"
	return tooltest.LookPath(t, "node", install), tooltest.LookPath(t, "npm", install)
}

// ensureNodeModules runs "npm ci" from the committed lock file unless the
// pinned better-auth is already installed.
func ensureNodeModules(t *testing.T, npm string) {
	t.Helper()
	var pkg struct {
		Version string `json:"version"`
	}
	b, err := os.ReadFile(filepath.Join(nodeDir, "node_modules", "better-auth", "package.json"))
	if err == nil && json.Unmarshal(b, &pkg) == nil && pkg.Version == betterAuthVersion {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund")
	cmd.Dir = nodeDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", nodeDir, err, out)
	}
}

// runClient runs client.mjs against s and returns its summary line.
func runClient(t *testing.T, s *server, node, email string) clientSummary {
	t.Helper()
	return runNodeScript[clientSummary](t, s, node, "client.mjs", "AUTHLEDGER_EMAIL="+email)
}

// runNodeScript runs a client script from testdata/node against s with the
// server's URL and trusted origin (plus env) and decodes its last stdout
// line, the JSON summary; a failing script fails the test with its output
// and the server's stderr.
func runNodeScript[T any](t *testing.T, s *server, node, script string, env ...string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, script)
	cmd.Dir = nodeDir
	cmd.Env = append(append(cleanEnv(), "AUTHLEDGER_URL="+s.URL, "AUTHLEDGER_ORIGIN="+e2eTrustedOrigin), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\nstdout:\n%s\nstderr:\n%s\nserver stderr:\n%s", script, err, stdout.String(),
			stderr.String(), s.Stderr())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	var sum T
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil {
		t.Fatalf("%s summary line: %v\nstdout:\n%s\nstderr:\n%s", script, err, stdout.String(), stderr.String())
	}
	return sum
}

// checkPerson: exactly one people row has the email, with the client's user id.
func checkPerson(t *testing.T, s *server, sum clientSummary) {
	t.Helper()
	type person struct {
		ID, Email, Name, Status string
	}
	people := listAll[person](t, s, "people", url.Values{"email": {sum.Email}})
	if len(people) != 1 {
		t.Fatalf("people with email %q: got %d rows %+v, want 1", sum.Email, len(people), people)
	}
	if got := people[0]; got.ID != sum.UserID || got.Status != "active" || got.Name != "Node Client" {
		t.Errorf("person row: got %+v, want id %s, name \"Node Client\", status active", got, sum.UserID)
	}
}

// checkAuditTrail: the events dimension holds the flow's audit rows about
// the person, failures marked as such.
func checkAuditTrail(t *testing.T, s *server, userID string) {
	t.Helper()
	type event struct {
		Type, Outcome, Subject string
	}
	events := listAll[event](t, s, "events", url.Values{"subject": {userID}})
	count := map[string]int{}
	for _, e := range events {
		count[e.Type]++
		if failed := e.Outcome == "failure"; failed != (e.Type == "account.sign_in_failed") {
			t.Errorf("audit row %s: outcome %q", e.Type, e.Outcome)
		}
	}
	t.Logf("audit rows about the person, by type: %v", count)
	want := map[string]int{
		"person.signed_up":         1,
		"account.sign_in_failed":   2, // wrong password, then the old password after the change
		"account.password_changed": 1,
	}
	for typ, n := range want {
		if count[typ] != n {
			t.Errorf("audit rows of type %s about %s: got %d, want %d (all: %v)", typ, userID, count[typ], n, count)
		}
	}
	if count["account.sign_in_succeeded"] < 4 {
		t.Errorf("audit rows of type account.sign_in_succeeded: got %d, want ≥ 4 (all: %v)", count["account.sign_in_succeeded"], count)
	}
	facts := listAll[struct{ Key string }](t, s, "knowledge", url.Values{"subject_id": {userID}, "key": {"password_changed_at"}})
	if len(facts) != 1 {
		t.Errorf("knowledge password_changed_at for %s: got %d rows, want 1", userID, len(facts))
	}
}

// checkSessionsClosed: the flow signed out or revoked every session it
// opened, so no session row of the person is still active.
func checkSessionsClosed(t *testing.T, s *server, userID string) {
	t.Helper()
	type thing struct {
		ID, Kind, Status string
	}
	things := listAll[thing](t, s, "things", url.Values{"owner_id": {userID}, "kind": {"session"}})
	if len(things) < 5 {
		t.Errorf("session things of %s: got %d, want ≥ 5 (sign-up, 4 sign-ins)", userID, len(things))
	}
	for _, th := range things {
		if th.Status == "active" {
			t.Errorf("session %s still active after the flow signed out and revoked everything", th.ID)
		}
	}
}
