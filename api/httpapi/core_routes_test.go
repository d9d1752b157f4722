package httpapi

import (
	"slices"
	"strings"
	"testing"
)

// documentedCoreRoutes are the remaining core routes of Better Auth served
// beside the session routes (TestRouteAllowlist).
var documentedCoreRoutes = map[string]bool{
	"POST /verify-password": true, "POST /update-session": true, "GET /error": true,
	"POST /multi-session/set-active": true, "POST /multi-session/revoke": true,
}

// TestVerifyPasswordRoute drives POST /verify-password: bad bodies are 4xx
// with a code and append nothing, a wrong password is INVALID_PASSWORD and
// recorded, a right one answers {status:true}.
func TestVerifyPasswordRoute(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	cases := []struct {
		name, body string
		cookie     string
		status     int
		want       string
		event      string
	}{
		{"no session", `{"password":"correct horse 1"}`, "", 401, `"code":"UNAUTHORIZED"`, ""},
		{"missing", `{}`, cookie, 400, `{"message":"[body.password] Invalid input: expected string, received undefined","code":"VALIDATION_ERROR"}`, ""},
		{"null", `{"password":null}`, cookie, 400, `"code":"VALIDATION_ERROR"`, ""},
		{"number", `{"password":5}`, cookie, 400, `"code":"VALIDATION_ERROR"`, ""},
		{"unknown key", `{"password":"x","extra":1}`, cookie, 400, `"code":"VALIDATION_ERROR"`, ""},
		{"malformed", `{"password":`, cookie, 400, `"code":"BAD_REQUEST"`, ""},
		{"wrong", `{"password":"wrong horse 1"}`, cookie, 400, `{"message":"Invalid password","code":"INVALID_PASSWORD"}`,
			"account.password_verify_failed"},
		{"right", `{"password":"correct horse 1"}`, cookie, 200, `{"status":true}`, "account.password_verified"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(h.eventTypes())
			r := h.post("/verify-password", c.body, withCookie(c.cookie))
			if r.status != c.status || !strings.Contains(string(r.body), c.want) {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, c.status, c.want)
			}
			added := h.eventTypes()[before:]
			if (c.event == "" && len(added) != 0) || (c.event != "" && !slices.Equal(added, []string{c.event})) {
				t.Errorf("events %v, want %q", added, c.event)
			}
		})
	}
}

// TestUpdateSessionRoute drives POST /update-session: with no additional
// session fields nothing can be set, as in Better Auth configured without
// any, and nothing is appended.
func TestUpdateSessionRoute(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	cases := []struct {
		name, body string
		cookie     string
		status     int
		want       string
	}{
		{"no session", `{}`, "", 401, `"code":"UNAUTHORIZED"`},
		{"empty object", `{}`, cookie, 400, `{"message":"No fields to update","code":"NO_FIELDS_TO_UPDATE"}`},
		{"unknown field", `{"theme":"dark"}`, cookie, 400, `"code":"NO_FIELDS_TO_UPDATE"`},
		{"server field", `{"activeOrganizationId":"org1"}`, cookie, 400,
			`{"message":"activeOrganizationId is not allowed to be set","code":"FIELD_NOT_ALLOWED"}`},
		{"server field null", `{"activeOrganizationId":null}`, cookie, 400, `"code":"NO_FIELDS_TO_UPDATE"`},
		{"array", `[]`, cookie, 400, `"code":"VALIDATION_ERROR"`},
		{"string", `"x"`, cookie, 400, `"code":"VALIDATION_ERROR"`},
		{"malformed", `{"a":`, cookie, 400, `"code":"BAD_REQUEST"`},
		{"duplicate key", `{"a":1,"a":2}`, cookie, 400, `"code":`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(h.eventTypes())
			r := h.post("/update-session", c.body, withCookie(c.cookie))
			if r.status != c.status || !strings.Contains(string(r.body), c.want) {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, c.status, c.want)
			}
			if added := h.eventTypes()[before:]; len(added) != 0 {
				t.Errorf("appended %v", added)
			}
		})
	}
}

// TestErrorPage drives GET /error: a 200 text/html page that shows a
// code-shaped error (UNKNOWN otherwise) and the description, escaped.
func TestErrorPage(t *testing.T) {
	h := newHarness(t)
	cases := []struct {
		name, query string
		want        []string
		notWant     []string
	}{
		{"no error", "", []string{`<code id="code">UNKNOWN</code>`, "unexpected error"}, nil},
		{"code", "?error=INVALID_TOKEN", []string{`<code id="code">INVALID_TOKEN</code>`}, nil},
		{"script as code", "?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E", []string{`<code id="code">UNKNOWN</code>`},
			[]string{"<script>"}},
		{"script as description", "?error=access_denied&error_description=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%22%27",
			[]string{`<code id="code">access_denied</code>`, "&lt;img src=x onerror=alert(1)&gt;&#34;&#39;"}, []string{"<img"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := h.get("/error"+c.query, nil)
			if r.status != 200 || r.header.Get("Content-Type") != "text/html" {
				t.Fatalf("%d %q", r.status, r.header.Get("Content-Type"))
			}
			for _, w := range c.want {
				if !strings.Contains(string(r.body), w) {
					t.Errorf("page lacks %q:\n%s", w, r.body)
				}
			}
			for _, w := range c.notWant {
				if strings.Contains(string(r.body), w) {
					t.Errorf("page contains %q", w)
				}
			}
			if r.header.Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy")
			}
		})
	}
}
