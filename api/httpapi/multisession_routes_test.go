package httpapi

import (
	"slices"
	"strings"
	"testing"
)

// deviceUser is one person signed in on a test device: their token, their
// session cookie and their multi-session cookie.
type deviceUser struct{ token, session, multi string }

func (h *harness) deviceSignUp(t *testing.T, email string) deviceUser {
	t.Helper()
	c, r := h.signUp(email, "correct horse 1", "Someone")
	u := deviceUser{token: r.json(t)["token"].(string), session: c}
	for _, ck := range r.cookies {
		if strings.HasPrefix(ck, "better-auth.session_token_multi-") {
			u.multi = strings.SplitN(ck, ";", 2)[0]
		}
	}
	return u
}

// onDevice is the Cookie header of a browser whose active session is
// active's, holding the multi-session cookies of all.
func onDevice(active deviceUser, all ...deviceUser) map[string]string {
	parts := []string{active.session}
	for _, u := range all {
		parts = append(parts, u.multi)
	}
	return withCookie(strings.Join(parts, "; "))
}

// TestMultiSessionSetActive switches the device's active session to one of
// its sessions; a session the device does not hold, a dead one or a bad
// body is refused without an append.
func TestMultiSessionSetActive(t *testing.T) {
	h := newHarness(t)
	ann, bob := h.deviceSignUp(t, "ann@example.com"), h.deviceSignUp(t, "bob@example.com")
	cases := []struct {
		name, body string
		headers    map[string]string
		status     int
		want       string
	}{
		{"missing", `{}`, onDevice(bob, ann, bob), 400, `"code":"VALIDATION_ERROR"`},
		{"null", `{"sessionToken":null}`, onDevice(bob, ann, bob), 400, `"code":"VALIDATION_ERROR"`},
		{"number", `{"sessionToken":1}`, onDevice(bob, ann, bob), 400, `"code":"VALIDATION_ERROR"`},
		{"malformed", `{"sessionToken":`, onDevice(bob, ann, bob), 400, `"code":"BAD_REQUEST"`},
		{"not on this device", `{"sessionToken":"` + ann.token + `"}`, onDevice(bob, bob), 401,
			`{"message":"Invalid session token","code":"INVALID_SESSION_TOKEN"}`},
		{"garbage token", `{"sessionToken":"../x"}`, onDevice(bob, ann, bob), 401, `"code":"INVALID_SESSION_TOKEN"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(h.eventTypes())
			r := h.post("/multi-session/set-active", c.body, c.headers)
			if r.status != c.status || !strings.Contains(string(r.body), c.want) {
				t.Fatalf("%d %s, want %d %s", r.status, r.body, c.status, c.want)
			}
			if added := h.eventTypes()[before:]; len(added) != 0 {
				t.Errorf("appended %v", added)
			}
		})
	}
	r := h.post("/multi-session/set-active", `{"sessionToken":"`+ann.token+`"}`, onDevice(bob, ann, bob))
	if r.status != 200 {
		t.Fatalf("set-active: %d %s", r.status, r.body)
	}
	b := r.json(t)
	if b["session"].(map[string]any)["token"] != ann.token || b["user"].(map[string]any)["email"] != "ann@example.com" {
		t.Errorf("set-active answered %s", r.body)
	}
	checkSignedInHeaders(t, r, ann.token)
	if got := cookieHeader(r); got != ann.session {
		t.Errorf("session cookie %q, want ann's %q", got, ann.session)
	}
}

// TestMultiSessionSetActiveDead: a revoked session the device still holds
// is refused and its multi-session cookie expired.
func TestMultiSessionSetActiveDead(t *testing.T) {
	h := newHarness(t)
	ann, bob := h.deviceSignUp(t, "ann@example.com"), h.deviceSignUp(t, "bob@example.com")
	if r := h.post("/sign-out", `{}`, withCookie(ann.session)); r.status != 200 {
		t.Fatal(r.status)
	}
	r := h.post("/multi-session/set-active", `{"sessionToken":"`+ann.token+`"}`, onDevice(bob, ann, bob))
	if r.status != 401 || !strings.Contains(string(r.body), "INVALID_SESSION_TOKEN") {
		t.Fatalf("%d %s", r.status, r.body)
	}
	name := strings.SplitN(ann.multi, "=", 2)[0]
	if !slices.Contains(r.cookies, name+"=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax") {
		t.Errorf("multi cookie not expired: %q", r.cookies)
	}
}

// TestMultiSessionRevoke revokes a non-active session of the device, then
// the active one (the next takes over), then the last (cookies cleared).
func TestMultiSessionRevoke(t *testing.T) {
	h := newHarness(t)
	ann, bob, cat := h.deviceSignUp(t, "ann@example.com"), h.deviceSignUp(t, "bob@example.com"), h.deviceSignUp(t, "cat@example.com")
	for _, c := range []struct {
		name, body string
		headers    map[string]string
		status     int
		want       string
	}{
		{"no session", `{"sessionToken":"` + ann.token + `"}`, withCookie(ann.multi), 401, `"code":"UNAUTHORIZED"`},
		{"missing", `{}`, onDevice(cat, ann, bob, cat), 400, `"code":"VALIDATION_ERROR"`},
		{"wrong type", `{"sessionToken":[]}`, onDevice(cat, ann, bob, cat), 400, `"code":"VALIDATION_ERROR"`},
		{"not on this device", `{"sessionToken":"` + ann.token + `"}`, onDevice(cat, cat), 401, `"code":"INVALID_SESSION_TOKEN"`},
	} {
		before := len(h.eventTypes())
		if r := h.post("/multi-session/revoke", c.body, c.headers); r.status != c.status || !strings.Contains(string(r.body), c.want) {
			t.Errorf("%s: %d %s", c.name, r.status, r.body)
		}
		if added := h.eventTypes()[before:]; len(added) != 0 {
			t.Errorf("%s appended %v", c.name, added)
		}
	}
	revoke := func(active deviceUser, target deviceUser, all ...deviceUser) resp {
		t.Helper()
		r := h.post("/multi-session/revoke", `{"sessionToken":"`+target.token+`"}`, onDevice(active, all...))
		if r.status != 200 || string(r.body) != `{"status":true}` {
			t.Fatalf("revoke: %d %s", r.status, r.body)
		}
		name := strings.SplitN(target.multi, "=", 2)[0]
		if !slices.Contains(r.cookies, name+"=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax") {
			t.Errorf("multi cookie not expired: %q", r.cookies)
		}
		if string(h.get("/get-session", withCookie(target.session)).body) != "null" {
			t.Error("revoked session still works")
		}
		return r
	}
	if r := revoke(cat, ann, ann, bob, cat); cookieHeader(r) != "" {
		t.Errorf("revoking another session changed the active one: %q", r.cookies)
	}
	if r := revoke(cat, cat, ann, bob, cat); cookieHeader(r) != bob.session {
		t.Errorf("after revoking the active session: %q, want bob's", r.cookies)
	}
	if r := revoke(bob, bob, bob); !slices.Equal(r.cookies[1:], expiredCookies) {
		t.Errorf("after revoking the last session: %q", r.cookies)
	}
	if n := strings.Count(strings.Join(h.eventTypes(), " "), "session.revoked"); n != 3 {
		t.Errorf("%d session.revoked, want 3", n)
	}
}
