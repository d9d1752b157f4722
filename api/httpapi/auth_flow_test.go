package httpapi

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var (
	idRE            = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	tokenRE         = regexp.MustCompile(`^[A-Za-z0-9]{43}$`)
	isoRE           = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`)
	sessionCookieRE = regexp.MustCompile(`^better-auth\.session_token=([A-Za-z0-9]{43})\.[A-Za-z0-9%]+; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax$`)
	multiCookieRE   = regexp.MustCompile(`^better-auth\.session_token_multi-([a-z0-9]{43})=[A-Za-z0-9%.]+; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax$`)
	expiredCookies  = []string{
		"better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
		"better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
		"better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	}
)

// userKeys are the keys of Better Auth's user object (Better Auth's recorded exchange).
var userKeys = []string{"createdAt", "email", "emailVerified", "id", "image", "name", "twoFactorEnabled", "updatedAt"}

// sessionKeys are the keys of Better Auth's session object (Better Auth's recorded exchange).
var sessionKeys = []string{"activeOrganizationId", "createdAt", "expiresAt", "id", "ipAddress", "token", "updatedAt", "userAgent", "userId"}

func keys(m any) []string {
	mm, _ := m.(map[string]any)
	var out []string
	for k := range mm {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func checkUser(t *testing.T, u any, email, name string) {
	t.Helper()
	if diff := cmp.Diff(keys(u), userKeys); diff != "" {
		t.Errorf("user keys (-got +want):\n%s", diff)
	}
	m := u.(map[string]any)
	if m["email"] != email || m["name"] != name || m["emailVerified"] != false || m["image"] != nil ||
		m["twoFactorEnabled"] != false || !idRE.MatchString(m["id"].(string)) ||
		!isoRE.MatchString(m["createdAt"].(string)) || !isoRE.MatchString(m["updatedAt"].(string)) {
		t.Errorf("user = %v", m)
	}
}

func checkSignedInHeaders(t *testing.T, r resp, token string) {
	t.Helper()
	if len(r.cookies) != 2 {
		t.Fatalf("cookies = %q", r.cookies)
	}
	m := sessionCookieRE.FindStringSubmatch(r.cookies[0])
	if m == nil || m[1] != token {
		t.Errorf("session cookie %q (token %s)", r.cookies[0], token)
	}
	mm := multiCookieRE.FindStringSubmatch(r.cookies[1])
	if mm == nil || mm[1] != strings.ToLower(token) {
		t.Errorf("multi cookie %q", r.cookies[1])
	}
	if got := r.header.Get("Set-Auth-Token"); !strings.HasPrefix(got, token+".") || len(got) != 43+1+44 {
		t.Errorf("set-auth-token %q", got)
	}
	// Better Auth exposes set-auth-token; a cross-origin answer (the
	// harness sends a trusted Origin) also exposes the CORS middleware's
	// headers, once.
	if got := r.header.Values("Access-Control-Expose-Headers"); len(got) != 1 || !slices.Contains(strings.Split(got[0], ","), "set-auth-token") {
		t.Errorf("expose headers %q", got)
	}
}

func TestSignUpEmail(t *testing.T) {
	h := newHarness(t)
	_, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	body := r.json(t)
	if diff := cmp.Diff(keys(body), []string{"token", "user"}); diff != "" {
		t.Fatal(diff)
	}
	token := body["token"].(string)
	if !tokenRE.MatchString(token) {
		t.Errorf("token %q", token)
	}
	checkUser(t, body["user"], "alice@example.com", "Alice")
	checkSignedInHeaders(t, r, token)
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("content-type %q", ct)
	}
	if r.header.Get("X-Consistency-Token") == "" {
		t.Error("no X-Consistency-Token")
	}
	want := []string{"person.signed_up", "account.created", "session.created"}
	if diff := cmp.Diff(h.eventTypes(), want); diff != "" {
		t.Errorf("events (-got +want):\n%s", diff)
	}
}

func TestSignUpErrors(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	tests := []struct {
		name, body string
		status     int
		want       string
	}{
		{"duplicate email", `{"email":"alice@example.com","password":"correct horse 1","name":"Alice"}`, 422,
			`{"message":"User already exists. Use another email.","code":"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"}`},
		{"duplicate email, other case", `{"email":"ALICE@Example.com","password":"correct horse 1","name":"Alice"}`, 422,
			`{"message":"User already exists. Use another email.","code":"USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL"}`},
		{"password too short", `{"email":"short@example.com","password":"x","name":"S"}`, 400,
			`{"message":"Password too short","code":"PASSWORD_TOO_SHORT"}`},
		{"malformed JSON", `{"email":`, 400, `{"message":"Invalid JSON in request body","code":"BAD_REQUEST"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := h.head()
			r := h.post("/sign-up/email", tt.body, nil)
			if r.status != tt.status || string(r.body) != tt.want {
				t.Errorf("got %d %s, want %d %s", r.status, r.body, tt.status, tt.want)
			}
			if len(r.cookies) != 0 || h.head() != before {
				t.Errorf("state changed or cookie set: %q", r.cookies)
			}
		})
	}
	r := h.post("/sign-up/email", `{"email":"not-an-email","password":"x"}`, nil)
	b := r.json(t)
	if r.status != 400 || b["code"] != "VALIDATION_ERROR" || !strings.Contains(b["message"].(string), "[body.name]") {
		t.Errorf("validation: %d %s", r.status, r.body)
	}
}

func TestSignInEmail(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	wrong := h.post("/sign-in/email", `{"email":"alice@example.com","password":"wrong password"}`, nil)
	unknown := h.post("/sign-in/email", `{"email":"nobody@example.com","password":"whatever123"}`, nil)
	const want = `{"message":"Invalid email or password","code":"INVALID_EMAIL_OR_PASSWORD"}`
	for _, r := range []resp{wrong, unknown} {
		if r.status != 401 || string(r.body) != want || len(r.cookies) != 0 {
			t.Errorf("got %d %s %q", r.status, r.body, r.cookies)
		}
	}
	// identical headers apart from Date and the request id
	for _, k := range []string{"Date", "X-Request-Id", "Content-Length"} {
		wrong.header.Del(k)
		unknown.header.Del(k)
	}
	if diff := cmp.Diff(wrong.header, unknown.header); diff != "" {
		t.Errorf("headers differ:\n%s", diff)
	}
	r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil)
	body := r.json(t)
	if r.status != 200 || body["redirect"] != false {
		t.Fatalf("sign-in: %d %s", r.status, r.body)
	}
	if diff := cmp.Diff(keys(body), []string{"redirect", "token", "user"}); diff != "" {
		t.Error(diff)
	}
	checkUser(t, body["user"], "alice@example.com", "Alice")
	checkSignedInHeaders(t, r, body["token"].(string))
	types := h.eventTypes()
	if diff := cmp.Diff(types[3:], []string{"account.sign_in_failed", "signin.failed", "signin.failed", // the unknown address's too
		"account.sign_in_succeeded", "signin.cleared", "session.created"}); diff != "" {
		t.Errorf("events (-got +want):\n%s", diff)
	}
}

func TestSignInRememberMeFalse(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1","rememberMe":false}`, nil)
	if r.status != 200 || len(r.cookies) != 3 {
		t.Fatalf("%d %q", r.status, r.cookies)
	}
	if !regexp.MustCompile(`^better-auth\.session_token=[^;]+; Path=/; HttpOnly; SameSite=Lax$`).MatchString(r.cookies[0]) {
		t.Errorf("session cookie %q must have no Max-Age", r.cookies[0])
	}
	if !regexp.MustCompile(`^better-auth\.dont_remember=true\.[A-Za-z0-9%]+; Path=/; HttpOnly; SameSite=Lax$`).MatchString(r.cookies[1]) {
		t.Errorf("dont_remember cookie %q", r.cookies[1])
	}
	g := h.get("/get-session", withCookie(cookieHeader(r)+"; "+strings.SplitN(r.cookies[1], ";", 2)[0])).json(t)
	exp := g["session"].(map[string]any)["expiresAt"].(string)
	if exp != "2026-11-28T09:00:00.000Z" {
		t.Errorf("rememberMe:false session expires %s, want one day", exp)
	}
}

func TestGetSession(t *testing.T) {
	h := newHarness(t)
	cookie, su := h.signUp("alice@example.com", "correct horse 1", "Alice")
	token := su.json(t)["token"].(string)
	signed := strings.TrimPrefix(cookie, "better-auth.session_token=")
	tests := []struct {
		name        string
		headers     map[string]string
		wantSession bool
		wantClear   bool
	}{
		{"cookie", withCookie(cookie), true, false},
		{"no cookie", nil, false, false},
		{"tampered signature", withCookie(cookie[:len(cookie)-6] + "AAAA%3D"), false, true},
		{"bearer raw token", map[string]string{"Authorization": "Bearer " + token}, true, false},
		{"bearer signed", map[string]string{"Authorization": "Bearer " + signed}, true, false},
		{"bearer wrong token", map[string]string{"Authorization": "Bearer " + strings.Repeat("a", 43)}, false, false},
		{"unknown but well-signed token", withCookie("better-auth.session_token=" + signedFor(strings.Repeat("b", 43))), false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.get("/get-session", tt.headers)
			if r.status != 200 || r.header.Get("Cache-Control") != "no-store" {
				t.Fatalf("%d %v", r.status, r.header)
			}
			if !tt.wantSession {
				if string(r.body) != "null" {
					t.Errorf("body %s, want null", r.body)
				}
				if cleared := slices.Equal(r.cookies, expiredCookies); cleared != tt.wantClear {
					t.Errorf("cookies %q, want cleared=%v", r.cookies, tt.wantClear)
				}
				return
			}
			b := r.json(t)
			if diff := cmp.Diff(keys(b["session"]), sessionKeys); diff != "" {
				t.Error(diff)
			}
			s := b["session"].(map[string]any)
			if s["token"] != token || s["expiresAt"] != "2026-12-04T09:00:00.000Z" || s["activeOrganizationId"] != nil {
				t.Errorf("session %v", s)
			}
			checkUser(t, b["user"], "alice@example.com", "Alice")
		})
	}
}

func TestGetSessionDailyRefresh(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	h.clock.Advance(23 * 60 * 60e9)
	r := h.get("/get-session", withCookie(cookie))
	if len(r.cookies) != 0 || r.json(t)["session"].(map[string]any)["expiresAt"] != "2026-12-04T09:00:00.000Z" {
		t.Fatalf("refreshed too early: %s %q", r.body, r.cookies)
	}
	h.clock.Advance(60 * 60e9)
	r = h.get("/get-session", withCookie(cookie))
	if got := r.json(t)["session"].(map[string]any)["expiresAt"]; got != "2026-12-05T09:00:00.000Z" {
		t.Errorf("expiresAt after a day = %v", got)
	}
	if len(r.cookies) == 0 {
		t.Error("refresh must re-send the cookie with a fresh Max-Age")
	}
	r = h.get("/get-session", withCookie(cookie))
	if len(r.cookies) != 0 {
		t.Error("second get-session within updateAge must not refresh again")
	}
	n := 0
	for _, ty := range h.eventTypes() {
		if ty == "session.refreshed" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d session.refreshed events, want 1", n)
	}
}
