package httpapi

import (
	"strings"
	"testing"

	"github.com/authledger/authledger/api/cookies"
)

// TestGetSessionExpiresForgedCookie: get-session with a session cookie
// that does not verify (forged or tampered signature, unsigned, garbage)
// answers null and expires the session cookies, as it does for a cookie
// of an unknown session; without a cookie nothing is expired. Nothing is
// appended either way.
func TestGetSessionExpiresForgedCookie(t *testing.T) {
	h := newHarness(t)
	c, r := h.signUp("alice@example.com", "correct horse 1", "Alice")
	tok := r.json(t)["token"].(string)
	val := strings.TrimPrefix(c, "better-auth.session_token=")
	tampered := val[:len(val)-6] + "AAAA%3D"
	cases := []struct {
		name, cookie string
		expire       bool
	}{
		{"tampered signature", "better-auth.session_token=" + tampered, true},
		{"forged with another secret", "better-auth.session_token=" + signedWith("another secret", tok), true},
		{"unsigned token", "better-auth.session_token=" + tok, true},
		{"garbage", "better-auth.session_token=%%%not-a-cookie", true},
		{"empty", "better-auth.session_token=", true},
		{"unknown session, good signature", "better-auth.session_token=" + signedFor(strings.Repeat("A", 43)), true},
		{"no session cookie", "other=1", false},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			before := h.head()
			r := h.get("/get-session", withCookie(cs.cookie))
			if r.status != 200 || string(r.body) != "null" {
				t.Fatalf("%d %s", r.status, r.body)
			}
			want := []string{
				"better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
				"better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
				"better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
			}
			if !cs.expire {
				want = nil
			}
			if strings.Join(r.cookies, "\n") != strings.Join(want, "\n") {
				t.Errorf("Set-Cookie %q, want %q", r.cookies, want)
			}
			if h.head() != before {
				t.Error("appended")
			}
		})
	}
	if string(h.get("/get-session", withCookie(c)).body) == "null" {
		t.Error("the real session stopped working")
	}
}

// signedWith returns token signed with another secret, URL-encoded.
func signedWith(secret, token string) string {
	return cookies.EncodeURIComponent(cookies.Sign([]byte(secret), token))
}
