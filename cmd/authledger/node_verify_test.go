package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/authledger/authledger/api/mail/mailtest"
)

// verifySummary is the JSON line verify_client.mjs prints on success.
type verifySummary struct {
	OK     bool     `json:"ok"`
	UserID string   `json:"userId"`
	Steps  []string `json:"steps"`
}

// TestOfficialVerifyEmailClient runs testdata/node/verify_client.mjs — the
// official better-auth client, unchanged — against the real binary with
// email verification required, change-email and delete-user on and the
// mail going through --smtp-url to a local SMTP sink, then checks the
// audit rows and the people projection through the admin API.
func TestOfficialVerifyEmailClient(t *testing.T) {
	node, npm := nodeTools(t)
	authledgerBinary(t)
	ensureNodeModules(t, npm)

	sink := mailtest.Start(t)
	s := startServer(t, filepath.Join(t.TempDir(), "data"),
		"--smtp-url", fmt.Sprintf("smtp://127.0.0.1:%d?from=noreply@example.test", sink.Port()),
		"--require-email-verification", "on", "--auto-sign-in-after-verification", "on", "--change-email", "on", "--delete-user", "on")
	sum := runNodeScript[verifySummary](t, s, node, "verify_client.mjs", "AUTHLEDGER_MAIL="+mailEndpoint(t, sink))
	t.Logf("verify client summary: %+v", sum)
	if !sum.OK || sum.UserID == "" || len(sum.Steps) != 11 {
		t.Fatalf("verify client summary: got %+v, want ok, a user id and 11 steps", sum)
	}
	s.Alive()

	type event struct{ Type string }
	seen := map[string]bool{}
	for _, e := range listAll[event](t, s, "events", url.Values{"subject": {sum.UserID}}) {
		seen[e.Type] = true
	}
	for _, typ := range []string{"person.email_verified", "person.email_change_requested", "person.email_changed", "person.erased"} {
		if !seen[typ] {
			t.Errorf("no %s audit row about %s (seen %v)", typ, sum.UserID, seen)
		}
	}
	type person struct{ ID string }
	for _, p := range listAll[person](t, s, "people", nil) {
		if p.ID == sum.UserID {
			t.Errorf("people row of the deleted person %s remains", sum.UserID)
		}
	}
}

// mailEndpoint serves the sink's message bodies per recipient as JSON, for
// the Node script to read its links from.
func mailEndpoint(t *testing.T, sink *mailtest.Sink) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		to := r.URL.Query().Get("to")
		bodies := []string{}
		for _, m := range sink.Messages() {
			if len(m.To) == 1 && m.To[0] == to {
				bodies = append(bodies, m.Data)
			}
		}
		_ = json.NewEncoder(w).Encode(bodies)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
