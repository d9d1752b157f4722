package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/domain/webhookendpoint"
)

// webhookEvents are what the end-to-end endpoints subscribe to: a prefix
// and an exact type.
var webhookEvents = []string{"person.", "session.created"}

// delivery is one line of webhook_receiver.mjs.
type delivery struct {
	ID     string         `json:"id"`
	Type   string         `json:"type"`
	Data   map[string]any `json:"data"`
	Answer any            `json:"answer"`
	Repeat bool           `json:"repeat"`
	Error  string         `json:"error"`
}

// receiver is a running webhook_receiver.mjs and what it printed.
type receiver struct {
	mu    sync.Mutex
	lines []delivery
	held  chan struct{} // closed when the held delivery arrived
}

// startWebhookReceiver runs webhook_receiver.mjs on port with the
// endpoint's secret and env (FAIL_FIRST, HOLD_FIRST).
func startWebhookReceiver(t *testing.T, node string, port int, secret string, env ...string) *receiver {
	t.Helper()
	cmd := exec.Command(node, "webhook_receiver.mjs")
	cmd.Dir = nodeDir
	cmd.Env = append(append(cleanEnv(), "WEBHOOK_SECRET="+secret, "PORT="+strconv.Itoa(port)), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	r := &receiver{held: make(chan struct{})}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stdout)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		first := true
		for sc.Scan() {
			if first {
				first = false
				close(ready)
				continue
			}
			var d delivery
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				d.Error = "unparsable line " + sc.Text()
			}
			r.mu.Lock()
			r.lines = append(r.lines, d)
			if d.Answer == "held" {
				close(r.held)
			}
			r.mu.Unlock()
		}
	}()
	select {
	case <-ready:
	case <-time.After(30 * time.Second):
		t.Fatalf("webhook_receiver.mjs did not start: %s", stderr.String())
	}
	return r
}

// snapshot returns the lines so far.
func (r *receiver) snapshot() []delivery {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.lines)
}

// waitFor waits (generously; no timing is asserted) until the receiver
// acknowledged every id of want, and returns the lines.
func (r *receiver) waitFor(t *testing.T, want []string) []delivery {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		lines := r.snapshot()
		acked := map[string]bool{}
		for _, d := range lines {
			if d.Error != "" {
				t.Fatalf("the receiver refused a delivery: %s", d.Error)
			}
			if d.Answer == float64(204) {
				acked[d.ID] = true
			}
		}
		missing := 0
		for _, id := range want {
			if !acked[id] {
				missing++
			}
		}
		if missing == 0 {
			return lines
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d events never acknowledged; the receiver saw %+v", missing, len(want), lines)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// settle waits (generously; no timing is asserted) until the receiver has
// acknowledged every subscribed event of the trail, at least min of them
// (the trail read through s may lag the log a moment), and returns the
// trail's ids and the receiver's lines.
func (r *receiver) settle(t *testing.T, s *server, min int) ([]string, []delivery) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		want := subscribedIDs(t, s)
		lines := r.snapshot()
		order, _ := firstSeen(lines)
		if len(want) >= min && len(order) == len(want) {
			return want, r.waitFor(t, want)
		}
		if time.Now().After(deadline) {
			t.Fatalf("trail %v, receiver %+v", want, lines)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// adminSend sends a JSON body to path with the admin key and returns the
// status and the decoded answer.
func (s *server) adminSend(t testing.TB, method, path string, body any) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, s.URL+path, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e2eAdminKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// createWebhook creates an endpoint for url and returns its id and secret.
func createWebhook(t *testing.T, s *server, url string) (id, secret string) {
	t.Helper()
	status, out := s.adminSend(t, http.MethodPost, "/v1/webhooks", map[string]any{"url": url, "events": webhookEvents})
	if status != http.StatusCreated {
		t.Fatalf("POST /v1/webhooks: %d %v", status, out)
	}
	id, _ = out["id"].(string)
	secret, _ = out["secret"].(string)
	if id == "" || !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("POST /v1/webhooks answered %v", out)
	}
	return id, secret
}

// signUps signs up n people named prefix-i.
func signUps(t *testing.T, s *server, prefix string, n int) {
	t.Helper()
	for i := range n {
		o := signUpOnce(context.Background(), http.DefaultClient, s.URL, fmt.Sprintf("%s-%d@example.test", prefix, i))
		if o.status != http.StatusOK {
			t.Fatalf("sign-up %s-%d: %d %s", prefix, i, o.status, o.body)
		}
	}
}

// subscribedIDs are the ids, in log order, of the events the endpoints
// subscribe to, from the audit trail.
func subscribedIDs(t *testing.T, s *server) []string {
	t.Helper()
	var page struct {
		Items []struct{ ID, Type string } `json:"items"`
	}
	s.adminGet(t, "/v1/audit/events?limit=1000", &page)
	var ids []string
	for _, row := range page.Items {
		if webhookendpoint.Matches(webhookEvents, row.Type) {
			ids = append(ids, row.ID)
		}
	}
	return ids
}

// firstSeen is the ids of the acknowledged deliveries in the order they
// were first acknowledged, and how often each was acknowledged.
func firstSeen(lines []delivery) ([]string, map[string]int) {
	var order []string
	count := map[string]int{}
	for _, d := range lines {
		if d.Answer != float64(204) {
			continue
		}
		if count[d.ID] == 0 {
			order = append(order, d.ID)
		}
		count[d.ID]++
	}
	return order, count
}

// TestNodeWebhooksSurviveAKillMidDelivery: a receiver written in Node
// verifies every delivery with the Standard Webhooks reference library;
// the server is SIGKILLed while the receiver holds a delivery, restarted,
// and the receiver ends up with every subscribed event, in log order,
// each acknowledged exactly once per delivery id (the held one is
// delivered again after the restart, under the same id).
func TestNodeWebhooksSurviveAKillMidDelivery(t *testing.T) {
	node, npm := nodeTools(t)
	ensureNodeModules(t, npm)
	ensureNodePackage(t, npm, "standardwebhooks")
	dir := filepath.Join(t.TempDir(), "data")
	s := startServer(t, dir, "--webhooks-allow-private", "true")
	port := freePort(t)
	_, secret := createWebhook(t, s, fmt.Sprintf("http://127.0.0.1:%d/hooks", port))
	rcv := startWebhookReceiver(t, node, port, secret, "HOLD_FIRST=1")
	signUps(t, s, "before-kill", 3)
	select {
	case <-rcv.held:
	case <-time.After(60 * time.Second):
		t.Fatalf("no delivery arrived; receiver saw %+v\nstderr:\n%s", rcv.snapshot(), s.Stderr())
	}
	s.Kill()
	s = startServer(t, dir, "--webhooks-allow-private", "true")
	signUps(t, s, "after-kill", 2)
	want, lines := rcv.settle(t, s, 10)
	onceInLogOrder(t, lines, want)
	held := lines[0]
	if held.Answer != "held" || held.ID != want[0] {
		t.Fatalf("first delivery %+v, want the first event held", held)
	}
	for _, d := range lines {
		if d.Type == "person.signed_up" && d.Data["email"] != nil {
			t.Errorf("an endpoint without includePii got an email: %+v", d)
		}
	}
}

// onceInLogOrder checks that the receiver acknowledged each event of want
// exactly once, first seen in want's (the log's) order.
func onceInLogOrder(t *testing.T, lines []delivery, want []string) {
	t.Helper()
	order, count := firstSeen(lines)
	if !slices.Equal(order, want) {
		t.Fatalf("acknowledged order %v, want the log's %v", order, want)
	}
	for id, n := range count {
		if n != 1 {
			t.Errorf("event %s acknowledged %d times, want once", id, n)
		}
	}
}

// TestNodeWebhooksBacklogAfterFailures: a receiver answering 500 for a
// while gets the whole backlog, in order, once it recovers; the failed
// attempts are visible under /v1/webhooks/:id/attempts.
func TestNodeWebhooksBacklogAfterFailures(t *testing.T) {
	node, npm := nodeTools(t)
	ensureNodeModules(t, npm)
	ensureNodePackage(t, npm, "standardwebhooks")
	s := startServer(t, filepath.Join(t.TempDir(), "data"), "--webhooks-allow-private", "true")
	port := freePort(t)
	id, secret := createWebhook(t, s, fmt.Sprintf("http://127.0.0.1:%d/hooks", port))
	rcv := startWebhookReceiver(t, node, port, secret, "FAIL_FIRST=3")
	signUps(t, s, "backlog", 3)
	want, lines := rcv.settle(t, s, 6)
	onceInLogOrder(t, lines, want)
	failed := 0
	for _, d := range lines {
		if d.Answer == float64(500) {
			failed++
			if d.ID != want[0] {
				t.Errorf("a later event was tried while the first failed (order): %+v", d)
			}
		}
	}
	if failed != 3 {
		t.Fatalf("%d deliveries answered 500, want 3", failed)
	}
	var page struct {
		Attempts []struct {
			EventID string `json:"eventId"`
			OK      bool   `json:"ok"`
			Status  int    `json:"status"`
		} `json:"attempts"`
	}
	s.adminGet(t, "/v1/webhooks/"+id+"/attempts", &page)
	statuses := map[int]int{}
	for _, a := range page.Attempts {
		statuses[a.Status]++
	}
	if statuses[500] != 3 || statuses[204] != len(want) {
		t.Fatalf("attempts %+v, want 3 failures (500) and %d successes", page.Attempts, len(want))
	}
	req, _ := http.NewRequest(http.MethodGet, s.URL+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+e2eAdminKey)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var metrics bytes.Buffer
	_, _ = metrics.ReadFrom(res.Body)
	for _, m := range []string{`authledger_webhook_failures_total{endpoint="` + id + `"} 3`,
		fmt.Sprintf(`authledger_webhook_delivered_total{endpoint=%q} %d`, id, len(want)),
		`authledger_webhook_lag_seconds{endpoint="` + id + `"}`} {
		if !strings.Contains(metrics.String(), m) {
			t.Errorf("/metrics lacks %s:\n%s", m, metrics.String())
		}
	}
}

// TestWebhookLoopbackRefusedWithoutTheFlag: without
// --webhooks-allow-private a 127.0.0.1 (or localhost) endpoint is refused
// with 400 WEBHOOK_URL_FORBIDDEN, by the API and by the command line.
func TestWebhookLoopbackRefusedWithoutTheFlag(t *testing.T) {
	s := startServer(t, filepath.Join(t.TempDir(), "data"))
	for _, u := range []string{"http://127.0.0.1:9/x", "http://localhost:9/x", "http://169.254.169.254/latest", "http://[::1]/x", "http://10.1.2.3/x"} {
		status, out := s.adminSend(t, http.MethodPost, "/v1/webhooks", map[string]any{"url": u, "events": webhookEvents})
		if status != http.StatusBadRequest || out["code"] != "WEBHOOK_URL_FORBIDDEN" {
			t.Errorf("POST /v1/webhooks %s: %d %v, want 400 WEBHOOK_URL_FORBIDDEN", u, status, out)
		}
	}
	var list struct{ Webhooks []any }
	s.adminGet(t, "/v1/webhooks", &list)
	if len(list.Webhooks) != 0 {
		t.Fatalf("refused endpoints were created: %v", list.Webhooks)
	}
}

// TestNodeWebhooksOneDelivererAcrossPGNodes: two servers on one
// PostgreSQL database, sign-ups on both; the receiver gets every
// subscribed event once (one node delivers: the leader election), in log
// order. Runs when AUTHLEDGER_TEST_POSTGRES is set.
func TestNodeWebhooksOneDelivererAcrossPGNodes(t *testing.T) {
	db := newPGDatabase(t, pgServerURL(t))
	node, npm := nodeTools(t)
	ensureNodeModules(t, npm)
	ensureNodePackage(t, npm, "standardwebhooks")
	migratePG(t, db)
	a := startPGNode(t, db, "--webhooks-allow-private", "true")
	b := startPGNode(t, db, "--webhooks-allow-private", "true")
	port := freePort(t)
	_, secret := createWebhook(t, a, fmt.Sprintf("http://127.0.0.1:%d/hooks", port))
	rcv := startWebhookReceiver(t, node, port, secret)
	signUps(t, a, "node-a", 2)
	signUps(t, b, "node-b", 2)
	want, lines := rcv.settle(t, a, 8)
	onceInLogOrder(t, lines, want) // twice would mean two deliverers
}

// TestNodeWebhookDisabledAfterFailingTellsTheOperator: an endpoint whose
// receiver is down for longer than --webhooks-disable-after is disabled
// (webhook.endpoint_disabled in the audit trail, a mail to
// --webhooks-notify-email); once the receiver is up and the endpoint is
// enabled again, what it missed is delivered.
func TestNodeWebhookDisabledAfterFailingTellsTheOperator(t *testing.T) {
	node, npm := nodeTools(t)
	ensureNodeModules(t, npm)
	ensureNodePackage(t, npm, "standardwebhooks")
	sink := mailtest.Start(t)
	s := startServer(t, filepath.Join(t.TempDir(), "data"), "--webhooks-allow-private", "true",
		"--webhooks-disable-after", "1s", "--webhooks-notify-email", "ops@example.com",
		"--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()))
	port := freePort(t) // nothing listens there yet
	id, secret := createWebhook(t, s, fmt.Sprintf("http://127.0.0.1:%d/hooks", port))
	signUps(t, s, "while-down", 1)
	waitMail(t, "the operator's mail", func() bool {
		for _, m := range sink.Messages() {
			if len(m.To) == 1 && m.To[0] == "ops@example.com" && strings.Contains(m.Data, id) {
				return true
			}
		}
		return false
	})
	var ep struct {
		Enabled        bool
		DisabledReason string
		LastError      string
	}
	s.adminGet(t, "/v1/webhooks/"+id, &ep)
	if ep.Enabled || ep.DisabledReason != "failing" || ep.LastError == "" {
		t.Fatalf("endpoint after failing: %+v", ep)
	}
	var page struct {
		Items []struct{ Type, Actor string } `json:"items"`
	}
	s.adminGet(t, "/v1/audit/events?type=webhook.endpoint_disabled", &page)
	if len(page.Items) != 1 || page.Items[0].Actor != "system:webhooks" {
		t.Fatalf("audit trail: %+v", page.Items)
	}
	rcv := startWebhookReceiver(t, node, port, secret)
	if status, out := s.adminSend(t, http.MethodPost, "/v1/webhooks/"+id+"/enable", nil); status != http.StatusOK {
		t.Fatalf("enable: %d %v", status, out)
	}
	want, lines := rcv.settle(t, s, 2)
	if order, _ := firstSeen(lines); !slices.Equal(order, want) {
		t.Fatalf("acknowledged %v, want %v", order, want)
	}
}
