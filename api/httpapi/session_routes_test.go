package httpapi

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSessionLifecycle follows Better Auth's recorded exchange: list, revoke one, revoke
// others, update-user, change-password with revocation, sign-out.
func TestSessionLifecycle(t *testing.T) {
	h := newHarness(t)
	first, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	second := cookieHeader(h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil))
	third := cookieHeader(h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil))

	var list []map[string]any
	r := h.get("/list-sessions", withCookie(second))
	if err := jsonUnmarshal(r.body, &list); err != nil || r.status != 200 || len(list) != 3 {
		t.Fatalf("list-sessions: %d %s", r.status, r.body)
	}
	own := h.get("/get-session", withCookie(second)).json(t)["session"].(map[string]any)["token"].(string)
	firstID := h.get("/get-session", withCookie(first)).json(t)["session"].(map[string]any)["id"].(string)
	var handle string
	for _, s := range list {
		if !slices.Equal(keys(s), sessionKeys) {
			t.Errorf("session keys %v", keys(s))
		}
		tok := s["token"].(string)
		switch {
		case tok == own: // the caller's own entry carries the caller's own token
		case strings.Contains(first+second+third, tok):
			t.Error("list-sessions must not show other sessions' live tokens")
		case s["id"] == firstID:
			handle = tok
		}
	}
	if !slices.ContainsFunc(list, func(s map[string]any) bool { return s["token"] == own }) {
		t.Error("list-sessions does not show the current session by get-session's token")
	}
	// revoke the first session by its handle
	r = h.post("/revoke-session", `{"token":"`+handle+`"}`, withCookie(second))
	if r.status != 200 || string(r.body) != `{"status":true}` {
		t.Fatalf("revoke-session: %d %s", r.status, r.body)
	}
	r = h.get("/get-session", withCookie(first))
	if string(r.body) != "null" || !slices.Equal(r.cookies, expiredCookies) {
		t.Errorf("revoked cookie still works: %s %q", r.body, r.cookies)
	}
	r = h.post("/revoke-other-sessions", `{}`, withCookie(second))
	if r.status != 200 || string(r.body) != `{"status":true}` {
		t.Fatalf("revoke-other-sessions: %d %s", r.status, r.body)
	}
	if string(h.get("/get-session", withCookie(third)).body) != "null" {
		t.Error("third session survived revoke-other-sessions")
	}
	if err := jsonUnmarshal(h.get("/list-sessions", withCookie(second)).body, &list); err != nil || len(list) != 1 {
		t.Fatalf("after revoke-other-sessions: %v", list)
	}

	r = h.post("/update-user", `{"name":"Alice A.","image":"https://example.com/a.png"}`, withCookie(second))
	if r.status != 200 || string(r.body) != `{"status":true}` {
		t.Fatalf("update-user: %d %s", r.status, r.body)
	}
	u := h.get("/get-session", withCookie(second)).json(t)["user"].(map[string]any)
	if u["name"] != "Alice A." || u["image"] != "https://example.com/a.png" {
		t.Errorf("user after update %v", u)
	}
	r = h.post("/update-user", `{"email":"x@example.com"}`, withCookie(second))
	if r.status != 400 || string(r.body) != `{"message":"Email can not be updated","code":"EMAIL_CAN_NOT_BE_UPDATED"}` {
		t.Errorf("update email: %d %s", r.status, r.body)
	}

	r = h.post("/change-password", `{"currentPassword":"nope nope","newPassword":"correct horse 2"}`, withCookie(second))
	if r.status != 400 || string(r.body) != `{"message":"Invalid password","code":"INVALID_PASSWORD"}` {
		t.Errorf("change-password wrong: %d %s", r.status, r.body)
	}
	if !slices.Contains(h.eventTypes(), "account.password_change_failed") {
		t.Error("no authn_password_change_fail audit event")
	}
	r = h.post("/change-password", `{"currentPassword":"correct horse 1","newPassword":"correct horse 2","revokeOtherSessions":true}`, withCookie(second))
	if r.status != 200 {
		t.Fatalf("change-password: %d %s", r.status, r.body)
	}
	b := r.json(t)
	checkSignedInHeaders(t, r, b["token"].(string))
	if string(h.get("/get-session", withCookie(second)).body) != "null" {
		t.Error("pre-change cookie still valid")
	}
	fresh := cookieHeader(r)
	if h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil).status != 401 {
		t.Error("old password still accepted")
	}
	r = h.post("/sign-out", `{}`, withCookie(fresh))
	if r.status != 200 || string(r.body) != `{"success":true}` || !slices.Equal(r.cookies, expiredCookies) {
		t.Fatalf("sign-out: %d %s %q", r.status, r.body, r.cookies)
	}
	if string(h.get("/get-session", withCookie(fresh)).body) != "null" {
		t.Error("signed-out cookie still valid")
	}
	if r := h.get("/list-sessions", withCookie(fresh)); r.status != 401 {
		t.Errorf("list-sessions after sign-out: %d (a signed-out session must be gone)", r.status)
	}
}

func TestChangePasswordKeepsSessionsByDefault(t *testing.T) {
	h := newHarness(t)
	c, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	r := h.post("/change-password", `{"currentPassword":"correct horse 1","newPassword":"correct horse 2"}`, withCookie(c))
	if r.status != 200 || r.json(t)["token"] != nil {
		t.Fatalf("%d %s", r.status, r.body)
	}
	if string(h.get("/get-session", withCookie(c)).body) == "null" {
		t.Error("session revoked without revokeOtherSessions")
	}
}

func TestOtherUsersSessions(t *testing.T) {
	h := newHarness(t)
	alice, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	bob, _ := h.signUp("bob@example.com", "bob password 1", "Bob")
	var list []map[string]any
	if err := jsonUnmarshal(h.get("/list-sessions", withCookie(bob)).body, &list); err != nil || len(list) != 1 {
		t.Fatalf("bob sees %v", list)
	}
	bobHandle := list[0]["token"].(string)
	// Alice cannot revoke Bob's session
	r := h.post("/revoke-session", `{"token":"`+bobHandle+`"}`, withCookie(alice))
	if r.status != 404 {
		t.Errorf("revoke other's session: %d %s", r.status, r.body)
	}
	if string(h.get("/get-session", withCookie(bob)).body) == "null" {
		t.Error("bob's session was revoked by alice")
	}
}

func TestRevokeSessions(t *testing.T) {
	h := newHarness(t)
	c, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	c2 := cookieHeader(h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil))
	if r := h.post("/revoke-sessions", `{}`, withCookie(c)); r.status != 200 {
		t.Fatalf("%d %s", r.status, r.body)
	}
	for _, ck := range []string{c, c2} {
		if string(h.get("/get-session", withCookie(ck)).body) != "null" {
			t.Error("session survived revoke-sessions")
		}
	}
}

func TestMultiSessionDeviceList(t *testing.T) {
	h := newHarness(t)
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	multi := strings.SplitN(r.cookies[1], ";", 2)[0]
	var got []map[string]any
	if err := jsonUnmarshal(h.get("/multi-session/list-device-sessions", withCookie(c)).body, &got); err != nil || len(got) != 0 {
		t.Errorf("only session_token: %v", got)
	}
	if err := jsonUnmarshal(h.get("/multi-session/list-device-sessions", withCookie(c+"; "+multi)).body, &got); err != nil || len(got) != 1 {
		t.Errorf("with multi cookie: %v", got)
	}
}

func TestOKAndUnknownRoutes(t *testing.T) {
	h := newHarness(t)
	if r := h.get("/ok", nil); r.status != 200 || string(r.body) != `{"ok":true}` {
		t.Errorf("ok: %d %s", r.status, r.body)
	}
	for _, r := range []resp{h.get("/does-not-exist", nil), h.get("/sign-in/email", nil),
		h.do(req{method: "HEAD", path: "/api/auth/sign-up/email"})} {
		if r.status != 404 || len(r.body) != 0 {
			t.Errorf("got %d %q, want 404 with an empty body", r.status, r.body)
		}
	}
}

// TestConsistencyTokenOnAuthRoutes: a token from the future is waited for
// (bounded, then 503); a reached or malformed one is handled at once.
func TestConsistencyTokenOnAuthRoutes(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.WaitTimeout = 50 * time.Millisecond })
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	tok := r.header.Get("X-Consistency-Token")
	if g := h.get("/get-session", map[string]string{"Cookie": c, "X-Consistency-Token": tok}); g.status != 200 || string(g.body) == "null" {
		t.Errorf("reached token: %d %s", g.status, g.body)
	}
	if g := h.get("/get-session", map[string]string{"Cookie": c, "X-Consistency-Token": "0.999999"}); g.status != 503 {
		t.Errorf("future token: %d %s", g.status, g.body)
	}
	if g := h.get("/get-session", map[string]string{"Cookie": c, "X-Consistency-Token": "x"}); g.status != 400 {
		t.Errorf("malformed token: %d %s", g.status, g.body)
	}
}
