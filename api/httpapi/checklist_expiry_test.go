package httpapi

import (
	"testing"
	"time"

	"github.com/authledger/authledger/domain/session"
)

// TestChecklist24IdleAndAbsoluteExpiry drives the session clock: without
// activity a session ends after the idle timeout (7 days); activity (a
// get-session that refreshes it) moves only the idle deadline, so an
// active session still ends at the absolute lifetime (30 days after
// sign-in). Each end answers 401 with the session cookies expired and
// appends one session.expired for that session; get-session then answers
// null.
func TestChecklist24IdleAndAbsoluteExpiry(t *testing.T) {
	const day = 24 * time.Hour
	cases := []struct {
		name string
		// activity: offsets from sign-in at which get-session is called
		// (each must find the session alive)
		activity []time.Duration
		// alive and dead: offsets at which the session must still work,
		// and the first offset at which it must have ended
		alive, dead time.Duration
	}{
		{"idle timeout", nil, 7*day - time.Second, 7*day + time.Second},
		{"activity resets the idle timer", []time.Duration{6 * day}, 13*day - time.Second, 13*day + time.Second},
		{"absolute lifetime despite activity",
			[]time.Duration{6 * day, 12 * day, 18 * day, 24 * day, 29 * day}, 30*day - time.Second, 30*day + time.Second},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			h.signUp("alice@example.com", "correct horse 1", "Alice")
			h.clock.Advance(time.Hour) // sign-in happens an hour after sign-up
			start := h.clock.Now()
			r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"correct horse 1"}`, nil)
			ck := cookieHeader(r)
			if r.status != 200 || ck == "" {
				t.Fatalf("sign-in: %d %s", r.status, r.body)
			}
			sid := h.get("/get-session", withCookie(ck)).json(t)["session"].(map[string]any)["id"]
			at := func(off time.Duration) { h.clock.Advance(start.Add(off).Sub(h.clock.Now())) }
			for _, off := range c.activity {
				at(off)
				if string(h.get("/get-session", withCookie(ck)).body) == "null" {
					t.Fatalf("session ended at %v, during activity", off)
				}
			}
			at(c.alive)
			if r := h.get("/list-sessions", withCookie(ck)); r.status != 200 {
				t.Fatalf("at %v: %d %s, want the session alive", c.alive, r.status, r.body)
			}
			at(c.dead)
			before := len(h.events())
			r = h.get("/list-sessions", withCookie(ck))
			if r.status != 401 || r.json(t)["code"] != "SESSION_EXPIRED" {
				t.Errorf("at %v: %d %s, want 401 SESSION_EXPIRED", c.dead, r.status, r.body)
			}
			if len(r.cookies) == 0 || r.cookies[0] != "better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax" {
				t.Errorf("expired session's cookies not cleared: %q", r.cookies)
			}
			added := h.events()[before:]
			if len(added) != 1 {
				t.Fatalf("appended %d events, want one session.expired", len(added))
			}
			if e, ok := added[0].(session.Expired); !ok || e.SessionID != sid || !e.At.Equal(h.clock.Now()) {
				t.Errorf("appended %T %+v, want session.expired", added[0], added[0])
			}
			if string(h.get("/get-session", withCookie(ck)).body) != "null" {
				t.Error("get-session still serves the expired session")
			}
			if r := h.get("/list-sessions", withCookie(ck)); r.status != 401 {
				t.Errorf("a second request: %d", r.status)
			}
		})
	}
}
