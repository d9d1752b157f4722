package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// runWebhooks runs "authledger webhooks ..." and returns its stdout,
// stderr and exit status.
func runWebhooks(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return runSubcommand(t, "webhooks", args...)
}

// TestWebhooksCommandLine: an endpoint created from the command line on
// a running server's data directory gets its events (the server reads
// the change from the log); a loopback URL is refused without
// --webhooks-allow-private; attempts, disable and list work, and the
// secret is printed once.
func TestWebhooksCommandLine(t *testing.T) {
	node, npm := nodeTools(t)
	ensureNodeModules(t, npm)
	ensureNodePackage(t, npm, "standardwebhooks")
	s := startServer(t, t.TempDir(), "--webhooks-allow-private", "true")
	store := []string{"--data-dir", s.DataDir, "--secret", e2eSecret}
	port := freePort(t)
	u := fmt.Sprintf("http://127.0.0.1:%d/hooks", port)
	if _, errOut, code := runWebhooks(t, append([]string{"create", "--url", u, "--events", "person."}, store...)...); code == 0 ||
		!strings.Contains(errOut, "forbidden address") {
		t.Fatalf("loopback without the flag: exit %d, %q", code, errOut)
	}
	out, errOut, code := runWebhooks(t, append([]string{"create", "--url", u, "--events", "person.,session.created",
		"--webhooks-allow-private", "true"}, store...)...)
	var created struct{ ID, Secret string }
	if code != 0 || json.Unmarshal([]byte(out), &created) != nil || !strings.HasPrefix(created.Secret, "whsec_") {
		t.Fatalf("create: %d %q %q", code, out, errOut)
	}
	rcv := startWebhookReceiver(t, node, port, created.Secret)
	signUps(t, s, "cli", 2)
	want, lines := rcv.settle(t, s, 4)
	if order, _ := firstSeen(lines); strings.Join(order, ",") != strings.Join(want, ",") {
		t.Fatalf("acknowledged %v, want %v", order, want)
	}
	out, _, code = runWebhooks(t, append([]string{"attempts", created.ID}, store...)...)
	if code != 0 || strings.Count(out, `"ok": true`) != len(want) {
		t.Fatalf("attempts: %d %s", code, out)
	}
	if out, _, code = runWebhooks(t, append([]string{"disable", created.ID}, store...)...); code != 0 ||
		!strings.Contains(out, `"enabled": false`) {
		t.Fatalf("disable: %d %s", code, out)
	}
	out, _, code = runWebhooks(t, append([]string{"list"}, store...)...)
	if code != 0 || !strings.Contains(out, created.ID) || strings.Contains(out, strings.TrimPrefix(created.Secret, "whsec_")) {
		t.Fatalf("list: %d %s", code, out)
	}
	if strings.Contains(s.Stderr(), strings.TrimPrefix(created.Secret, "whsec_")) {
		t.Fatal("the server log holds the endpoint's secret")
	}
}
