package main

import (
	"bufio"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// hookE2ESecret signs the before-hook messages of the end-to-end test
// (the Standard Webhooks specification's example secret).
const hookE2ESecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

// hookSummary is hook_client.mjs's summary line.
type hookSummary struct {
	OK             bool     `json:"ok"`
	Steps          []string `json:"steps"`
	RefusedMessage string   `json:"refusedMessage"`
	UserID         string   `json:"userId"`
}

// TestNodeBeforeHookRefusesBlockedSignUps: the binary asks a before-hook
// written in Node, which verifies every message with the Standard
// Webhooks reference library (standardwebhooks) and refuses sign-ups from
// @blocked.example; the official client's sign-up from there fails with
// the hook's message and no person is created, one from elsewhere signs
// up (failing closed, so an unverifiable signature would have refused it
// too), and the refusal is in the audit trail.
func TestNodeBeforeHookRefusesBlockedSignUps(t *testing.T) {
	node, npm := nodeTools(t)
	ensureNodeModules(t, npm)
	ensureNodePackage(t, npm, "standardwebhooks")
	port := startHookReceiver(t, node)
	t.Setenv("HOOK_E2E_SECRET", hookE2ESecret)
	s := startServer(t, filepath.Join(t.TempDir(), "data"),
		"--before-hook-url", "http://127.0.0.1:"+strconv.Itoa(port)+"/before",
		"--before-hook-secret-env", "HOOK_E2E_SECRET", "--before-hook-fail", "closed", "--hooks-allow-private", "on")
	sum := runNodeScript[hookSummary](t, s, node, "hook_client.mjs")
	if !sum.OK || sum.UserID == "" || sum.RefusedMessage != "Sign-ups from blocked.example are not accepted" {
		t.Fatalf("client summary %+v", sum)
	}
	type person struct{ ID, Email string }
	if people := listAll[person](t, s, "people", url.Values{"email": {"mallory@blocked.example"}}); len(people) != 0 {
		t.Fatalf("a refused sign-up created %+v", people)
	}
	if people := listAll[person](t, s, "people", url.Values{"email": {"ann@example.com"}}); len(people) != 1 {
		t.Fatalf("the allowed sign-up: people %+v", people)
	}
	var page struct {
		Items []struct{ Type, Outcome string } `json:"items"`
	}
	s.adminGet(t, "/v1/audit/events?limit=1000", &page)
	refusals := 0
	for _, row := range page.Items {
		if row.Type == "hook.refused" && row.Outcome == "failure" {
			refusals++
		}
	}
	if refusals != 1 {
		t.Fatalf("audit trail has %d hook.refused failures, want 1: %+v", refusals, page.Items)
	}
}

// ensureNodePackage runs "npm ci" when a package of the lock file is
// missing from node_modules (an older checkout's install).
func ensureNodePackage(t *testing.T, npm, name string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(nodeDir, "node_modules", name, "package.json")); err == nil {
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

// startHookReceiver runs hook_receiver.mjs and returns its port; it is
// stopped when the test ends.
func startHookReceiver(t *testing.T, node string) int {
	t.Helper()
	cmd := exec.Command(node, "hook_receiver.mjs")
	cmd.Dir = nodeDir
	cmd.Env = append(cleanEnv(), "BEFORE_HOOK_SECRET="+hookE2ESecret)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
	}()
	select {
	case l := <-line:
		var ready struct{ Port int }
		if err := json.Unmarshal([]byte(l), &ready); err != nil || ready.Port == 0 {
			t.Fatalf("hook_receiver.mjs said %q", l)
		}
		return ready.Port
	case <-time.After(30 * time.Second):
		t.Fatal("hook_receiver.mjs did not start")
	}
	return 0
}
