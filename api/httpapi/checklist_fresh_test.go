package httpapi

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/verification"
)

// freshRoute is one sensitive route of security checklist item 28. setup
// signs a person up (email) and returns their session cookie, how they
// sign in again (a fresh session's cookie), and the route's request.
type freshRoute struct {
	name string
	// gated: on a session older than the fresh age the route is 403
	// SESSION_NOT_FRESH. Not gated: it already asks for a proof of its own.
	gated bool
	setup func(t *testing.T, h *harness, email string) (cookie string, reauth func() string, send func(cookie string) resp)
	// okStatus and okCode are the answer on a fresh session.
	okStatus int
	okCode   string
}

// passwordReauth signs email in again with the password.
func passwordReauth(t *testing.T, h *harness, email string) func() string {
	return func() string {
		r := h.signIn(email, tfPassword)
		if r.status != 200 {
			t.Fatalf("sign-in again: %d %s", r.status, r.body)
		}
		return cookieHeader(r)
	}
}

// poster is a send that posts body to path with the given cookie.
func poster(h *harness, path, body string) func(string) resp {
	return func(cookie string) resp { return h.post(path, body, withCookie(cookie)) }
}

// freshRoutes are the routes a stolen or forgotten old session must not
// be enough for, and, for contrast, delete-user with the password.
var freshRoutes = []freshRoute{
	{name: "change-email", gated: true, okStatus: 200,
		setup: func(t *testing.T, h *harness, email string) (string, func() string, func(string) resp) {
			c, _ := h.signUp(email, tfPassword, "Fresh")
			return c, passwordReauth(t, h, email), poster(h, "/change-email", `{"newEmail":"moved-`+email+`"}`)
		}},
	{name: "two-factor/disable", gated: true, okStatus: 200,
		setup: func(t *testing.T, h *harness, email string) (string, func() string, func(string) resp) {
			secret, _, c := h.enrolled(email)
			reauth := func() string {
				r := h.verify("verify-totp", h.challenge(email), codeAt(t, secret, h.clock.Now()), false)
				if r.status != 200 {
					t.Fatalf("sign-in again with TOTP: %d %s", r.status, r.body)
				}
				return cookieHeader(r)
			}
			return c, reauth, poster(h, "/two-factor/disable", `{"password":"`+tfPassword+`"}`)
		}},
	{name: "passkey/delete-passkey", gated: true, okStatus: 200,
		setup: func(t *testing.T, h *harness, email string) (string, func() string, func(string) resp) {
			c, _, _ := h.registered(email)
			var list []struct{ ID string }
			if r := h.get("/passkey/list-user-passkeys", withCookie(c)); r.status != 200 || json.Unmarshal(r.body, &list) != nil || len(list) != 1 {
				t.Fatalf("list-user-passkeys: %d %s", r.status, r.body)
			}
			return c, passwordReauth(t, h, email), poster(h, "/passkey/delete-passkey", `{"id":"`+list[0].ID+`"}`)
		}},
	{name: "delete-user without password or token", gated: true, okStatus: 200,
		setup: func(t *testing.T, h *harness, email string) (string, func() string, func(string) resp) {
			c, _ := h.signUp(email, tfPassword, "Fresh")
			return c, passwordReauth(t, h, email), poster(h, "/delete-user", `{}`)
		}},
	// The freshness check comes before the account is looked up: a fresh
	// session gets as far as ACCOUNT_NOT_FOUND (real unlinks: api/social and
	// the Hydra tests of cmd/authledger).
	{name: "unlink-account", gated: true, okStatus: 400, okCode: "ACCOUNT_NOT_FOUND",
		setup: func(t *testing.T, h *harness, email string) (string, func() string, func(string) resp) {
			c, _ := h.signUp(email, tfPassword, "Fresh")
			return c, passwordReauth(t, h, email), poster(h, "/unlink-account", `{"accountId":"not-an-account"}`)
		}},
	{name: "delete-user with the password (not gated: the password is the proof)", okStatus: 200,
		setup: func(t *testing.T, h *harness, email string) (string, func() string, func(string) resp) {
			c, _ := h.signUp(email, tfPassword, "Fresh")
			return c, passwordReauth(t, h, email), poster(h, "/delete-user", `{"password":"`+tfPassword+`"}`)
		}},
}

// TestChecklist28FreshSession is security checklist item 28: each gated
// route, on a session signed in longer than the fresh age (one day) ago,
// is 403 SESSION_NOT_FRESH and appends nothing; signing in again does not
// make the old session fresh (still 403), and the new session may. The
// server's clock is the harness's.
func TestChecklist28FreshSession(t *testing.T) {
	verify, _ := withVerification(t, verification.Config{ChangeEmail: true})
	del, _ := withDeletion(t, deletion.Config{Enabled: true})
	h := newHarness(t, verify, del, withPasskeyRP)
	type prepared struct {
		cookie string
		reauth func() string
		send   func(string) resp
	}
	ready := make([]prepared, len(freshRoutes))
	for i, fr := range freshRoutes {
		c, reauth, send := fr.setup(t, h, "fresh"+string(rune('a'+i))+"@example.com")
		ready[i] = prepared{c, reauth, send}
	}
	h.clock.Advance(sessions.DefaultFreshAge + time.Minute)
	for i, fr := range freshRoutes {
		p := ready[i]
		t.Run(fr.name, func(t *testing.T) {
			check := func(what string, r resp, status int, code string) {
				t.Helper()
				if r.status != status || (code != "" && r.json(t)["code"] != code) {
					t.Errorf("%s: %d %s, want %d %s", what, r.status, r.body, status, code)
				}
			}
			if !fr.gated {
				check("old session", p.send(p.cookie), fr.okStatus, fr.okCode)
				return
			}
			pos := h.head()
			check("old session", p.send(p.cookie), 403, "SESSION_NOT_FRESH")
			if types := h.typesSince(pos); len(types) != 0 {
				t.Errorf("the refusal appended %v", types)
			}
			fresh := p.reauth()
			check("old session after signing in again", p.send(p.cookie), 403, "SESSION_NOT_FRESH")
			check("new session", p.send(fresh), fr.okStatus, fr.okCode)
		})
	}
}
