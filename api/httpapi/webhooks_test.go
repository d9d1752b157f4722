package httpapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestWebhookRoutes: the /v1/webhooks lifecycle over HTTP: the secret is
// answered once (201), never again; updates, disabling, enabling,
// replays, attempts and deletion; refusals are 4xx with a code and write
// nothing; a key without webhooks:manage is refused.
func TestWebhookRoutes(t *testing.T) {
	h := newHarness(t)
	r := h.operator("POST", "/v1/webhooks", `{"url":"https://8.8.8.8/hooks","events":["person.","session.created"]}`, adminKey)
	if r.status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	var created struct {
		ID, URL, Secret string
		Events          []string
		Enabled         bool
	}
	if err := json.Unmarshal(r.body, &created); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(created.Secret, "whsec_") || !created.Enabled || strings.Join(created.Events, ",") != "person.,session.created" {
		t.Fatalf("created: %s", r.body)
	}
	id := created.ID
	steps := []struct {
		method, path, body string
		status             int
		code               string
		has                string // a fragment the answer must contain
	}{
		{"GET", "/v1/webhooks", "", 200, "", `"id":"` + id + `"`},
		{"GET", "/v1/webhooks/" + id, "", 200, "", `"enabled":true`},
		{"PATCH", "/v1/webhooks/" + id, `{"includePii":true,"events":["person.signed_up"]}`, 200, "", `"includePii":true`},
		{"PATCH", "/v1/webhooks/" + id, `{"url":"http://127.0.0.1:9/x"}`, 400, "WEBHOOK_URL_FORBIDDEN", ""},
		{"PATCH", "/v1/webhooks/" + id, `{"events":["nope.nothing"]}`, 400, "WEBHOOK_UNKNOWN_EVENT", ""},
		{"POST", "/v1/webhooks/" + id + "/disable", "", 200, "", `"disabledReason":"operator"`},
		{"POST", "/v1/webhooks/" + id + "/enable", "", 200, "", `"enabled":true`},
		{"POST", "/v1/webhooks/" + id + "/replay", `{"after":"0.0"}`, 200, "", `"id"`},
		{"POST", "/v1/webhooks/" + id + "/replay", `{"since":"2026-01-01T00:00:00Z"}`, 200, "", `"id"`},
		{"POST", "/v1/webhooks/" + id + "/replay", `{}`, 400, "VALIDATION_ERROR", ""},
		{"GET", "/v1/webhooks/" + id + "/attempts", "", 200, "", `"attempts":[]`},
		{"POST", "/v1/webhooks", `{"url":"http://169.254.169.254/latest","events":["person."]}`, 400, "WEBHOOK_URL_FORBIDDEN", ""},
		{"POST", "/v1/webhooks", `{"url":"https://8.8.8.8/x","events":[]}`, 400, "VALIDATION_ERROR", ""},
		{"POST", "/v1/webhooks", `{"url":"https://8.8.8.8/x","events":["person."],"extra":1}`, 400, "", ""},
		{"DELETE", "/v1/webhooks/" + id, "", 200, "", `"id"`},
		{"GET", "/v1/webhooks/" + id, "", 404, "WEBHOOK_NOT_FOUND", ""},
		{"DELETE", "/v1/webhooks/" + id, "", 404, "WEBHOOK_NOT_FOUND", ""},
	}
	for _, s := range steps {
		got := h.operator(s.method, s.path, s.body, adminKey)
		wantKeyCode(t, s.method+" "+s.path+" "+s.body, got, s.status, s.code)
		if s.has != "" && !strings.Contains(string(got.body), s.has) {
			t.Errorf("%s %s: %s lacks %s", s.method, s.path, got.body, s.has)
		}
		if strings.Contains(string(got.body), strings.TrimPrefix(created.Secret, "whsec_")) {
			t.Errorf("%s %s shows the secret again: %s", s.method, s.path, got.body)
		}
	}
	if evs, _ := h.recordsOf("webhook.endpoint_created"); len(evs) != 1 {
		t.Errorf("%d endpoints created, want 1 (refusals write nothing)", len(evs))
	}
	_, token := h.newKey("auditor", "audit:read")
	wantKeyCode(t, "without webhooks:manage", h.operator("GET", "/v1/webhooks", "", token), 403, "INSUFFICIENT_SCOPE")
	_, manager := h.newKey("hooks", "webhooks:manage")
	if got := h.operator("GET", "/v1/webhooks", "", manager); got.status != 200 {
		t.Errorf("with webhooks:manage: %d %s", got.status, got.body)
	}
}
