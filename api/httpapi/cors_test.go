package httpapi

import (
	"net/http"
	"testing"
)

// TestCORSPreflightFromUnlistedOrigin: a preflight or a request from an
// origin that is not trusted gets no Access-Control-Allow-Origin, and no
// answer ever allows credentials with the wildcard origin.
func TestCORSPreflightFromUnlistedOrigin(t *testing.T) {
	h := newHarness(t)
	for _, origin := range []string{"https://evil.test", "null", testOrigin} {
		for _, rq := range []req{
			{method: http.MethodOptions, path: "/api/auth/sign-in/email", headers: map[string]string{"Origin": origin,
				"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}},
			{method: http.MethodPost, path: "/api/auth/sign-in/email", body: `{"email":"a@example.com","password":"x"}`,
				headers: map[string]string{"Origin": origin}},
			{method: http.MethodGet, path: "/api/auth/get-session", headers: map[string]string{"Origin": origin}},
		} {
			r := h.do(rq)
			allow := r.header.Get("Access-Control-Allow-Origin")
			if origin != testOrigin && allow != "" {
				t.Errorf("%s %s from %s: Access-Control-Allow-Origin %q", rq.method, rq.path, origin, allow)
			}
			if allow == "*" && r.header.Get("Access-Control-Allow-Credentials") == "true" {
				t.Errorf("%s %s: credentials allowed with *", rq.method, rq.path)
			}
		}
	}
}
