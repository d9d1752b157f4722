package httpapi

import (
	"net/http"
	"testing"
)

// TestNULInURLRefused: a NUL character anywhere in the URL of an API
// route — a path parameter, a query key or value — is a 400
// VALIDATION_ERROR before any handler runs, and appends nothing.
func TestNULInURLRefused(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("nul@example.com", testPassword, "Nul")
	tests := []struct {
		name, method, path string
		headers            map[string]string
	}{
		{"path parameter", http.MethodGet, "/api/auth/reset-password/a%00b?callbackURL=/x", nil},
		{"query value", http.MethodGet, "/api/auth/organization/get-organization?organizationId=a%00b", withCookie(cookie)},
		{"query key", http.MethodGet, "/api/auth/get-session?a%00=1", withCookie(cookie)},
		{"operator path", http.MethodGet, "/v1/keys/a%00b", bearer(adminKey)},
		{"operator query", http.MethodGet, "/v1/ontology/people?email=%00", bearer(adminKey)},
		{"body route", http.MethodPost, "/api/auth/sign-out?x=%00", withCookie(cookie)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := h.head()
			r := h.do(req{method: tc.method, path: tc.path, headers: tc.headers})
			if r.status != http.StatusBadRequest || r.json(t)["code"] != "VALIDATION_ERROR" {
				t.Fatalf("%d %s", r.status, r.body)
			}
			if h.head() != before {
				t.Error("a refused request appended events")
			}
		})
	}
}
