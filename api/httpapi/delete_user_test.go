package httpapi

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/authledger/authledger/domain/person"
)

// documentedDeleteRoutes are Better Auth's delete-account routes.
var documentedDeleteRoutes = map[string]bool{"POST /delete-user": true, "GET /delete-user/callback": true}

func withDeletion(t testing.TB, cfg deletion.Config) (option, *mailtest.Sink) {
	sink := mailtest.Start(t)
	return func(c *Config) {
		cfg.Mailer = mail.SMTP{Host: "127.0.0.1", Port: sink.Port(), From: "noreply@example.com"}
		c.Deletion = cfg
	}, sink
}

// expiresSession reports whether the response expires the session cookie.
func expiresSession(r resp) bool {
	for _, c := range r.cookies {
		if strings.HasPrefix(c, "better-auth.session_token=") && strings.Contains(c, "Max-Age=0") {
			return true
		}
	}
	return false
}

// TestDeleteUser: a wrong password is refused with nothing appended; the
// right one erases the person (person.erased, sessions revoked, the
// address free again), clears the cookies, and the audit chain of the
// erasure is compliance's.
func TestDeleteUser(t *testing.T) {
	opt, _ := withDeletion(t, deletion.Config{Enabled: true})
	h := newHarness(t, opt)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	auth := map[string]string{"Cookie": cookie, "Origin": testOrigin}
	tests := []struct {
		name, body string
		headers    map[string]string
		status     int
		code       string
	}{
		{"no session", `{"password":"correct horse 1"}`, nil, 401, "UNAUTHORIZED"},
		{"wrong password", `{"password":"wrong horse 1"}`, auth, 400, "INVALID_PASSWORD"},
		{"unknown key", `{"pass":"x"}`, auth, 400, "VALIDATION_ERROR"},
		{"made-up token", `{"token":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}`, auth, 404, "INVALID_TOKEN"},
		{"untrusted callback", `{"password":"correct horse 1","callbackURL":"https://evil.test/"}`, auth, 403, "INVALID_CALLBACK_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pos := h.head()
			r := h.post("/delete-user", tt.body, tt.headers)
			if r.status != tt.status || r.json(t)["code"] != tt.code {
				t.Errorf("got %d %s, want %d %s", r.status, r.body, tt.status, tt.code)
			}
			if n := len(h.typesSince(pos)); n != 0 {
				t.Errorf("refusal appended %d events", n)
			}
		})
	}
	pos := h.head()
	r := h.post("/delete-user", `{"password":"correct horse 1"}`, auth)
	if r.status != 200 || string(r.body) != `{"success":true,"message":"User deleted"}` || !expiresSession(r) {
		t.Fatalf("delete: %d %s %v", r.status, r.body, r.cookies)
	}
	if types := h.typesSince(pos); !slices.Contains(types, person.TypeErased) || !slices.Contains(types, "session.revoked") {
		t.Errorf("appended %v", types)
	}
	if r := h.get("/get-session", withCookie(cookie)); string(r.body) != "null" {
		t.Errorf("session after deletion: %s", r.body)
	}
	h.signUp("alice@example.com", "correct horse 2", "Alice again") // the address is free
}

// TestDeleteUserStaleSession: without a password the session must be fresh.
func TestDeleteUserStaleSession(t *testing.T) {
	opt, _ := withDeletion(t, deletion.Config{Enabled: true})
	h := newHarness(t, opt)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	h.clock.Advance(25 * time.Hour)
	pos := h.head()
	r := h.post("/delete-user", `{}`, map[string]string{"Cookie": cookie, "Origin": testOrigin})
	if r.status != 403 || r.json(t)["code"] != "SESSION_NOT_FRESH" {
		t.Errorf("got %d %s, want SESSION_NOT_FRESH", r.status, r.body)
	}
	if n := len(h.typesSince(pos)); n != 0 {
		t.Errorf("refusal appended %d events", n)
	}
}

var deleteLinkRE = regexp.MustCompile(`/api/auth/delete-user/callback\?token=([A-Za-z0-9_-]+)&callbackURL=(\S*)`)

// TestDeleteUserByEmail: the request mails a link; it works only for its
// own person while signed in, then erases and redirects.
func TestDeleteUserByEmail(t *testing.T) {
	opt, sink := withDeletion(t, deletion.Config{Enabled: true, ByEmail: true})
	h := newHarness(t, opt)
	alice, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	bob, _ := h.signUp("bob@example.com", "correct horse 2", "Bob")
	r := h.post("/delete-user", `{"callbackURL":"/bye"}`, map[string]string{"Cookie": alice, "Origin": testOrigin})
	if r.status != 200 || string(r.body) != `{"success":true,"message":"Verification email sent"}` {
		t.Fatalf("delete-user: %d %s", r.status, r.body)
	}
	msgs := sink.Wait(1, 10*time.Second)
	m := deleteLinkRE.FindStringSubmatch(msgs[0].Data)
	if len(msgs) != 1 || msgs[0].To[0] != "alice@example.com" || m == nil {
		t.Fatalf("mail %+v", msgs)
	}
	pos := h.head()
	if r := h.getNoFollow("/delete-user/callback?token="+m[1], nil); r.status != 404 || r.json(t)["code"] != "FAILED_TO_GET_USER_INFO" {
		t.Errorf("no session: %d %s", r.status, r.body)
	}
	if r := h.getNoFollow("/delete-user/callback?token="+m[1], withCookie(bob)); r.status != 404 || r.json(t)["code"] != "INVALID_TOKEN" {
		t.Errorf("bob: %d %s", r.status, r.body)
	}
	if n := len(h.typesSince(pos)); n != 0 {
		t.Errorf("refusals appended %d events", n)
	}
	r = h.getNoFollow("/delete-user/callback?token="+m[1]+"&callbackURL=%2Fbye", withCookie(alice))
	if r.status != 302 || r.header.Get("Location") != "/bye" || !expiresSession(r) {
		t.Fatalf("callback: %d %q %v", r.status, r.header.Get("Location"), r.cookies)
	}
	if !slices.Contains(h.typesSince(pos), person.TypeErased) {
		t.Error("no erasure")
	}
}

// TestDeleteUserDisabled: off by default, 404 as in Better Auth.
func TestDeleteUserDisabled(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	if r := h.post("/delete-user", `{"password":"correct horse 1"}`, map[string]string{"Cookie": cookie, "Origin": testOrigin}); r.status != 404 {
		t.Errorf("got %d %s, want 404", r.status, r.body)
	}
}
