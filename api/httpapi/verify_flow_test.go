package httpapi

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain/person"
	"github.com/google/go-cmp/cmp"
)

// TestVerifyEmailFlow: a sign-up mails a link (sendOnSignUp) on the base
// URL; following it proves the address (event, session, people row) and
// redirects to the callback; the link works once.
func TestVerifyEmailFlow(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{SendOnSignUp: true})
	h := newHarness(t, opt)
	r := h.post("/sign-up/email", `{"email":"alice@example.com","password":"correct horse 1","name":"Alice","callbackURL":"/welcome"}`, nil)
	cookie := cookieHeader(r)
	tok, origin := verifyToken(t, sink, "alice@example.com", 1)
	if origin != "http://127.0.0.1:8080" {
		t.Errorf("link origin %s, want the base URL", origin)
	}
	pos := h.head()
	got := h.getNoFollow("/verify-email?token="+tok+"&callbackURL=%2Fwelcome", withCookie(cookie)) // the same browser
	if got.status != 302 || got.header.Get("Location") != "/welcome" {
		t.Fatalf("verify: %d %q, want 302 /welcome", got.status, got.header.Get("Location"))
	}
	if diff := cmp.Diff(h.typesSince(pos), []string{person.TypeEmailVerified}); diff != "" {
		t.Error(diff)
	}
	user := h.get("/get-session", withCookie(cookie)).json(t)["user"].(map[string]any)
	if user["emailVerified"] != true {
		t.Errorf("get-session user %v, want emailVerified true", user)
	}
	id := r.json(t)["user"].(map[string]any)["id"].(string)
	h.projected()
	if p, err := h.read.GetPerson(context.Background(), id); err != nil || !p.EmailVerified {
		t.Errorf("people row %+v, %v; want emailVerified", p, err)
	}
	pos = h.head()
	again := h.getNoFollow("/verify-email?token="+tok+"&callbackURL=%2Fwelcome", nil)
	if again.status != 302 || again.header.Get("Location") != "/welcome?error=INVALID_TOKEN" {
		t.Errorf("replay: %d %q, want 302 /welcome?error=INVALID_TOKEN", again.status, again.header.Get("Location"))
	}
	if n := len(h.typesSince(pos)); n != 0 {
		t.Errorf("replay appended %d events", n)
	}
}

// TestVerifyEmailWithoutCallback: JSON answers; failures are 401 with
// Better Auth's codes and append nothing.
func TestVerifyEmailWithoutCallback(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{})
	h := newHarness(t, opt)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	send := func() {
		r := h.post("/send-verification-email", `{"email":"alice@example.com"}`, map[string]string{"Cookie": cookie, "Origin": testOrigin})
		if r.status != 200 || string(r.body) != `{"status":true}` {
			t.Fatalf("send: %d %s", r.status, r.body)
		}
	}
	send()
	old, _ := verifyToken(t, sink, "alice@example.com", 1)
	send()
	cur, _ := verifyToken(t, sink, "alice@example.com", 2)
	tests := []struct {
		name, query, want string
		advance           time.Duration
	}{
		{"no token", "", `{"message":"Invalid token","code":"INVALID_TOKEN"}`, 0},
		{"made-up token", "?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", `{"message":"Invalid token","code":"INVALID_TOKEN"}`, 0},
		{"superseded token", "?token=" + old, `{"message":"Invalid token","code":"INVALID_TOKEN"}`, 0},
		{"expired token", "?token=" + cur, `{"message":"Token expired","code":"TOKEN_EXPIRED"}`, time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h.clock.Advance(tt.advance)
			pos := h.head()
			r := h.getNoFollow("/verify-email"+tt.query, nil)
			if r.status != 401 || string(r.body) != tt.want {
				t.Errorf("got %d %s, want 401 %s", r.status, r.body, tt.want)
			}
			if n := len(h.typesSince(pos)); n != 0 {
				t.Errorf("refusal appended %d events", n)
			}
		})
	}
	send()
	fresh, _ := verifyToken(t, sink, "alice@example.com", 3)
	r := h.getNoFollow("/verify-email?token="+url.QueryEscape(fresh), nil)
	if r.status != 200 || string(r.body) != `{"status":true,"user":null}` {
		t.Errorf("verify: %d %s, want 200 {status:true,user:null}", r.status, r.body)
	}
}

// TestVerifyEndsUnprovenSessions (account pre-hijacking): someone signs up
// with Alice's address and keeps the session; when Alice proves the
// address from her mailbox, that session ends and she is told by mail.
func TestVerifyEndsUnprovenSessions(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{SendOnSignUp: true})
	h := newHarness(t, opt)
	squatter, _ := h.signUp("alice@example.com", "squatter horse 1", "Not Alice")
	tok, _ := verifyToken(t, sink, "alice@example.com", 1)
	pos := h.head()
	if r := h.getNoFollow("/verify-email?token="+tok, nil); r.status != 200 {
		t.Fatalf("verify: %d %s", r.status, r.body)
	}
	if diff := cmp.Diff(h.typesSince(pos), []string{person.TypeEmailVerified, person.TypeUnprovenAccessRemoved,
		"session.revoked"}); diff != "" {
		t.Error(diff)
	}
	if r := h.get("/get-session", withCookie(squatter)); string(r.body) != "null" {
		t.Errorf("the squatter's session survived: %s", r.body)
	}
	msgs := sink.Wait(2, 10*time.Second)
	if len(msgs) != 2 || msgs[1].To[0] != "alice@example.com" || !strings.Contains(msgs[1].Data, "we removed what") {
		t.Errorf("no notice to the owner: %+v", msgs)
	}
}

// TestVerifyRemovesUnprovenPasskeys (account pre-hijacking): a passkey
// registered before the address was proven is removed when the owner
// proves it, so it signs nobody in any more.
func TestVerifyRemovesUnprovenPasskeys(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{SendOnSignUp: true})
	h := newHarness(t, opt)
	_, _, d := h.registered("alice@example.com")
	tok, _ := verifyToken(t, sink, "alice@example.com", 1)
	pos := h.head()
	if r := h.getNoFollow("/verify-email?token="+tok, nil); r.status != 200 {
		t.Fatalf("verify: %d %s", r.status, r.body)
	}
	if diff := cmp.Diff(sortedCopy(h.typesSince(pos)), []string{"passkey.deleted", person.TypeEmailVerified,
		person.TypeUnprovenAccessRemoved, "session.revoked"}); diff != "" {
		t.Error(diff)
	}
	ao, ch := h.authOptions()
	if r := h.verifyAuthentication(ch, d.assert(goodRP, ao)); r.status == 200 {
		t.Errorf("the removed passkey still signs in: %s", r.body)
	}
}

// TestResetRemovesUnprovenPasskeys (account pre-hijacking): a password
// reset proves the address too; for a never-verified account it also
// removes the passkeys, for a verified one it keeps them.
func TestResetRemovesUnprovenPasskeys(t *testing.T) {
	vopt, vsink := withVerification(t, verification.Config{})
	ropt, rsink := withSink(t)
	h := newHarness(t, vopt, ropt)
	h.registered("alice@example.com")
	bobCookie, _, _ := h.registered("bob@example.com")
	h.post("/send-verification-email", `{"email":"bob@example.com"}`, map[string]string{"Cookie": bobCookie, "Origin": testOrigin})
	vtok, _ := verifyToken(t, vsink, "bob@example.com", 1)
	if r := h.getNoFollow("/verify-email?token="+vtok, withCookie(bobCookie)); r.status != 200 {
		t.Fatalf("verify bob: %d %s", r.status, r.body)
	}
	for i, tt := range []struct {
		addr    string
		removed bool
	}{{"alice@example.com", true}, {"bob@example.com", false}} {
		tok, _ := h.requestReset(rsink, tt.addr, i+1)
		pos := h.head()
		if r := h.reset(tok, "brand new horse 9"); r.status != 200 {
			t.Fatalf("reset %s: %d %s", tt.addr, r.status, r.body)
		}
		if got := slices.Contains(h.typesSince(pos), "passkey.deleted"); got != tt.removed {
			t.Errorf("%s: passkey removed %v, want %v (%v)", tt.addr, got, tt.removed, h.typesSince(pos))
		}
	}
}
