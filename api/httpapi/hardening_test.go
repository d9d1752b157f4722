package httpapi

import (
	"crypto/rand"
	"encoding/base64"
	"maps"
	"net/http"
	"strings"
	"testing"
)

// TestForgedSessionCookies covers forged, tampered, truncated,
// random, empty and oversized cookies are a 401 on an authenticated route
// (null on get-session), never a 5xx.
func TestForgedSessionCookies(t *testing.T) {
	h := newHarness(t)
	c, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	value := strings.TrimPrefix(c, "better-auth.session_token=")
	random := make([]byte, 32)
	_, _ = rand.Read(random)
	forged := map[string]string{
		"tampered signature": value[:len(value)-8] + "AAAA%3D",
		"tampered token":     flipFirst(value),
		"truncated":          value[:len(value)/2],
		"no signature":       strings.SplitN(value, ".", 2)[0],
		"random 32 bytes":    base64.RawURLEncoding.EncodeToString(random),
		"empty":              "",
		"5 KB":               strings.Repeat("a", 5000) + "." + strings.Repeat("b", 44),
		"unsigned planted":   strings.Repeat("A", 43) + ".",
		"percent garbage":    "%zz%%.%",
	}
	for name, v := range forged {
		t.Run(name, func(t *testing.T) {
			ck := withCookie("better-auth.session_token=" + v)
			if r := h.get("/list-sessions", ck); r.status != 401 {
				t.Errorf("list-sessions: %d %s", r.status, r.body)
			}
			if r := h.get("/get-session", ck); r.status != 200 || string(r.body) != "null" {
				t.Errorf("get-session: %d %s", r.status, r.body)
			}
		})
	}
}

// TestStateChangingRoutesRejectGET: every POST route
// answers GET and HEAD with 404 and a text/plain body with 415.
func TestStateChangingRoutesRejectGET(t *testing.T) {
	h := newHarness(t)
	c, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	gets := map[string]bool{}
	for _, r := range h.srv.allAuthRoutes() {
		if r.Method == http.MethodGet {
			gets[r.Path] = true
		}
	}
	n := 0
	for _, r := range h.srv.allAuthRoutes() {
		if r.Method != http.MethodPost || gets[r.Path] {
			continue
		}
		n++
		for _, m := range []string{http.MethodGet, http.MethodHead} {
			if res := h.do(req{method: m, path: "/api/auth" + r.Path, headers: withCookie(c)}); res.status != 404 {
				t.Errorf("%s %s: %d", m, r.Path, res.status)
			}
		}
		before := h.head()
		res := h.post(r.Path, `{}`, map[string]string{"Cookie": c, "Content-Type": "text/plain"})
		if res.status != 415 || h.head() != before {
			t.Errorf("text/plain %s: %d", r.Path, res.status)
		}
	}
	if n < 8 {
		t.Fatalf("only %d state-changing routes found", n)
	}
	if string(h.get("/get-session", withCookie(c)).body) == "null" {
		t.Error("a rejected request changed the session")
	}
}

// TestResponseHeaders checks the headers of success and error answers.
func TestResponseHeaders(t *testing.T) {
	h := newHarness(t)
	_, ok := h.signUp("alice@example.com", "correct horse 1", "Alice")
	bad := h.post("/sign-in/email", `{"email":"alice@example.com","password":"nope nope"}`, nil)
	for name, r := range map[string]resp{"sign-up": ok, "failed sign-in": bad, "get-session": h.get("/get-session", nil)} {
		if r.header.Get("Cache-Control") != "no-store" || r.header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.Contains(r.header.Get("Content-Type"), "charset=utf-8") {
			t.Errorf("%s headers: %v", name, r.header)
		}
	}
	if ok.header.Get("X-Request-Id") == "" {
		t.Error("no X-Request-Id")
	}
}

// TestRouteAllowlist: the registered auth routes are
// exactly the documented ones, and a fresh install has no accounts.
func TestRouteAllowlist(t *testing.T) {
	h := newHarness(t)
	want := map[string]bool{
		"POST /sign-up/email": true, "POST /sign-in/email": true, "GET /get-session": true, "POST /get-session": true,
		"POST /sign-out": true, "GET /list-sessions": true, "POST /revoke-session": true, "POST /revoke-sessions": true,
		"POST /revoke-other-sessions": true, "POST /update-user": true, "POST /change-password": true,
		"GET /multi-session/list-device-sessions": true, "GET /ok": true,
	}
	maps.Copy(want, documentedOrgRoutes)         // org_flow_test.go
	maps.Copy(want, documentedTwoFactorRoutes)   // twofactor_flow_test.go
	maps.Copy(want, documentedPasskeyRoutes)     // passkey_flow_test.go
	maps.Copy(want, documentedResetRoutes)       // reset_flow_test.go
	maps.Copy(want, documentedCoreRoutes)        // core_routes_test.go
	maps.Copy(want, documentedVerifyRoutes)      // verify_flow_test.go
	maps.Copy(want, documentedDeleteRoutes)      // delete_user_test.go
	maps.Copy(want, documentedSocialRoutes)      // social_routes_test.go
	maps.Copy(want, documentedTokenRoutes)       // social_tokens_test.go
	want["POST /callback/:id"] = true            // socialhttp/formpost.go: form_post answers (Apple)
	maps.Copy(want, documentedAdminPluginRoutes) // admin_plugin_test.go
	want["GET /open-api/generate-schema"] = true // openapi_feature.go
	want["GET /reference"] = true
	got := map[string]bool{}
	for _, r := range h.srv.echo.Routes() {
		if p, ok := strings.CutPrefix(r.Path, "/api/auth"); ok && (r.Method == "GET" || r.Method == "POST") {
			got[r.Method+" "+p] = true
		}
	}
	for k := range want {
		if !got[k] {
			t.Errorf("missing route %s", k)
		}
	}
	for k := range got {
		if !want[k] {
			t.Errorf("undocumented route %s", k)
		}
	}
	if !h.head().IsZero() {
		t.Error("a fresh install has events")
	}
}

// TestMetrics exposes request counts and the session index behind the admin key.
func TestMetrics(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	h.post("/sign-in/email", `{"email":"alice@example.com","password":"nope nope"}`, nil)
	if r := h.do(req{method: "GET", path: "/metrics"}); r.status != 401 {
		t.Errorf("metrics without admin key: %d", r.status)
	}
	r := h.do(req{method: "GET", path: "/metrics", headers: map[string]string{"Authorization": "Bearer " + adminKey}})
	body := string(r.body)
	for _, want := range []string{"authledger_session_index_sessions 1",
		`authledger_http_requests_total{route="/api/auth/sign-up/email",status="200"} 1`,
		`authledger_http_requests_total{route="/api/auth/sign-in/email",status="401"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
}

// flipFirst changes the first character of a cookie value (always to a
// different one, so the token really is tampered).
func flipFirst(v string) string {
	if v[0] == 'X' {
		return "Y" + v[1:]
	}
	return "X" + v[1:]
}
