package httpapi

import (
	"strings"
	"testing"
)

// TestMultiSessionCookieFollowsRememberMe: with rememberMe false the
// multi-session cookie, like the session cookie, has no Max-Age (it ends
// with the browser session); with rememberMe true (or unset) both keep the
// 7-day Max-Age.
func TestMultiSessionCookieFollowsRememberMe(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	for _, c := range []struct {
		name, remember string
		maxAge         bool
	}{
		{"rememberMe false", `,"rememberMe":false`, false},
		{"rememberMe true", `,"rememberMe":true`, true},
		{"rememberMe unset", ``, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"`+c.remember+`}`, nil)
			if r.status != 200 {
				t.Fatalf("%d %s", r.status, r.body)
			}
			var multi, sess string
			for _, ck := range r.cookies {
				switch {
				case strings.HasPrefix(ck, "better-auth.session_token_multi-"):
					multi = ck
				case strings.HasPrefix(ck, "better-auth.session_token="):
					sess = ck
				}
			}
			if multi == "" || sess == "" {
				t.Fatalf("cookies %q", r.cookies)
			}
			for _, ck := range []string{sess, multi} {
				if got := strings.Contains(ck, "; Max-Age=604800;"); got != c.maxAge {
					t.Errorf("%s: Max-Age present %v, want %v", ck, got, c.maxAge)
				}
			}
		})
	}
}

// TestMultiSessionListReturnsHandles: list-device-sessions never shows
// the live token of a session other than the caller's active one; what it
// shows instead is a handle that set-active and revoke accept from this
// device, and refuse from a device that does not hold the session.
func TestMultiSessionListReturnsHandles(t *testing.T) {
	h := newHarness(t)
	ann, bob, cat := h.deviceSignUp(t, "ann@example.com"), h.deviceSignUp(t, "bob@example.com"), h.deviceSignUp(t, "cat@example.com")
	list := func(headers map[string]string) map[string]string {
		t.Helper()
		var got []map[string]map[string]any
		r := h.get("/multi-session/list-device-sessions", headers)
		if err := jsonUnmarshal(r.body, &got); err != nil || r.status != 200 {
			t.Fatalf("list: %d %s", r.status, r.body)
		}
		out := map[string]string{}
		for _, e := range got {
			out[e["user"]["email"].(string)] = e["session"]["token"].(string)
		}
		return out
	}
	listed := list(onDevice(cat, ann, bob, cat))
	if len(listed) != 3 {
		t.Fatalf("listed %v", listed)
	}
	if listed["cat@example.com"] != cat.token {
		t.Errorf("the active session's own entry %q, want its token", listed["cat@example.com"])
	}
	for who, u := range map[string]deviceUser{"ann@example.com": ann, "bob@example.com": bob} {
		if listed[who] == u.token || listed[who] == "" {
			t.Errorf("%s listed as %q: a live token (or nothing)", who, listed[who])
		}
	}
	if noActive := list(withCookie(ann.multi + "; " + bob.multi)); noActive["ann@example.com"] == ann.token || noActive["bob@example.com"] == bob.token {
		t.Errorf("without an active session the list shows live tokens: %v", noActive)
	}

	// the handle is refused by a device that does not hold the session
	before := len(h.eventTypes())
	for _, path := range []string{"/multi-session/set-active", "/multi-session/revoke"} {
		r := h.post(path, `{"sessionToken":"`+listed["ann@example.com"]+`"}`, onDevice(cat, bob, cat))
		if r.status != 401 || !strings.Contains(string(r.body), "INVALID_SESSION_TOKEN") {
			t.Errorf("%s with a handle the device does not hold: %d %s", path, r.status, r.body)
		}
	}
	if added := h.eventTypes()[before:]; len(added) != 0 {
		t.Errorf("refusals appended %v", added)
	}

	// set-active by handle switches to ann
	r := h.post("/multi-session/set-active", `{"sessionToken":"`+listed["ann@example.com"]+`"}`, onDevice(cat, ann, bob, cat))
	if r.status != 200 || cookieHeader(r) != ann.session {
		t.Fatalf("set-active by handle: %d %s %q", r.status, r.body, r.cookies)
	}
	if got := r.json(t)["session"].(map[string]any)["token"]; got != ann.token {
		t.Errorf("set-active answered token %v, want the now-active session's own", got)
	}

	// revoke by handle revokes bob, and expires his multi-session cookie
	r = h.post("/multi-session/revoke", `{"sessionToken":"`+listed["bob@example.com"]+`"}`, onDevice(ann, ann, bob, cat))
	if r.status != 200 || string(r.body) != `{"status":true}` {
		t.Fatalf("revoke by handle: %d %s", r.status, r.body)
	}
	name := strings.SplitN(bob.multi, "=", 2)[0]
	if !strings.Contains(strings.Join(r.cookies, "\n"), name+"=; Max-Age=0;") {
		t.Errorf("bob's multi cookie not expired: %q", r.cookies)
	}
	if string(h.get("/get-session", withCookie(bob.session)).body) != "null" {
		t.Error("bob's session survived its revoke by handle")
	}
	if string(h.get("/get-session", withCookie(ann.session)).body) == "null" {
		t.Error("revoking another session ended the active one")
	}
}
