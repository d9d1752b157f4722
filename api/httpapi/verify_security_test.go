package httpapi

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/verification"
	"github.com/google/go-cmp/cmp"
)

// TestSendVerificationEmailRefusals: bad input is a 4xx with a code and
// appends nothing; without a session every address gets the same answer
// and only a known, unproven one gets mail.
func TestSendVerificationEmailRefusals(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{})
	h := newHarness(t, opt)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	auth := map[string]string{"Cookie": cookie, "Origin": testOrigin}
	tests := []struct {
		name, body string
		headers    map[string]string
		status     int
		code       string
	}{
		{"malformed JSON", `{"email":`, nil, 400, "BAD_REQUEST"},
		{"no email", `{}`, nil, 400, "VALIDATION_ERROR"},
		{"unknown key", `{"email":"alice@example.com","x":1}`, nil, 400, "VALIDATION_ERROR"},
		{"not an email", `{"email":"alice"}`, nil, 400, "INVALID_EMAIL"},
		{"untrusted callback", `{"email":"alice@example.com","callbackURL":"https://evil.test/"}`, nil, 403, "INVALID_CALLBACK_URL"},
		{"another address with a session", `{"email":"bob@example.com"}`, auth, 400, "EMAIL_MISMATCH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pos := h.head()
			r := h.post("/send-verification-email", tt.body, tt.headers)
			if r.status != tt.status || r.json(t)["code"] != tt.code {
				t.Errorf("got %d %s, want %d %s", r.status, r.body, tt.status, tt.code)
			}
			if n := len(h.typesSince(pos)); n != 0 {
				t.Errorf("refusal appended %d events", n)
			}
		})
	}
	for _, addr := range []string{"ghost@example.com", "alice@example.com"} {
		r := h.post("/send-verification-email", `{"email":"`+addr+`"}`, nil)
		if r.status != 200 || string(r.body) != `{"status":true}` {
			t.Errorf("%s: %d %s", addr, r.status, r.body)
		}
	}
	tok, _ := verifyToken(t, sink, "alice@example.com", 1)
	if r := h.getNoFollow("/verify-email?token="+tok, withCookie(cookie)); r.status != 200 {
		t.Fatalf("verify: %d %s", r.status, r.body)
	}
	if r := h.post("/send-verification-email", `{"email":"alice@example.com"}`, auth); r.status != 400 || r.json(t)["code"] != "EMAIL_ALREADY_VERIFIED" {
		t.Errorf("verified: %d %s, want 400 EMAIL_ALREADY_VERIFIED", r.status, r.body)
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("%d messages, want 1 (none for the unknown address)", n)
	}
}

// TestSendVerificationEmailOff: without a mailer the route refuses, as
// Better Auth does without sendVerificationEmail.
func TestSendVerificationEmailOff(t *testing.T) {
	h := newHarness(t)
	r := h.post("/send-verification-email", `{"email":"alice@example.com"}`, nil)
	if r.status != 400 || string(r.body) != `{"message":"Verification email isn't enabled","code":"VERIFICATION_EMAIL_NOT_ENABLED"}` {
		t.Errorf("got %d %s", r.status, r.body)
	}
}

// TestVerifyEmailRefusesOtherTokens: a password-reset token is no
// verification token (purpose), one person's token proves only their own
// address, and an untrusted callback is refused before the token is used.
func TestVerifyEmailRefusesOtherTokens(t *testing.T) {
	vopt, vsink := withVerification(t, verification.Config{})
	ropt, rsink := withSink(t)
	h := newHarness(t, vopt, ropt)
	alice, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	bob, _ := h.signUp("bob@example.com", "correct horse 2", "Bob")
	reset, _ := h.requestReset(rsink, "alice@example.com", 1)
	pos := h.head()
	if r := h.getNoFollow("/verify-email?token="+reset+"&callbackURL=%2Fdone", nil); r.header.Get("Location") != "/done?error=INVALID_TOKEN" {
		t.Errorf("reset token: %d %q", r.status, r.header.Get("Location"))
	}
	if n := len(h.typesSince(pos)); n != 0 {
		t.Errorf("refusal appended %d events", n)
	}
	h.post("/send-verification-email", `{"email":"bob@example.com"}`, map[string]string{"Cookie": bob, "Origin": testOrigin})
	tok, _ := verifyToken(t, vsink, "bob@example.com", 1)
	if r := h.getNoFollow("/verify-email?token="+tok+"&callbackURL=https%3A%2F%2Fevil.test%2F", nil); r.status != 403 {
		t.Errorf("untrusted callback: %d %s, want 403", r.status, r.body)
	}
	if r := h.getNoFollow("/verify-email?token="+tok, map[string]string{"Cookie": alice}); r.status != 200 {
		t.Fatalf("bob's token with alice's session: %d %s", r.status, r.body)
	}
	if u := h.get("/get-session", withCookie(alice)).json(t)["user"].(map[string]any); u["emailVerified"] != false {
		t.Errorf("alice emailVerified = %v, want false: bob's token proves only bob's address", u["emailVerified"])
	}
	if r := h.get("/get-session", withCookie(bob)); string(r.body) != "null" {
		t.Errorf("bob's session from before the proof survived: %s", r.body) // not the caller's own session
	}
}

// TestRequireEmailVerification: sign-up opens no session (token null), a
// right password for an unproven address is 403 EMAIL_NOT_VERIFIED with a
// fresh link, and after the link sign-in works; with autoSignIn the link
// itself signs in.
func TestRequireEmailVerification(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{Required: true, SendOnSignUp: true, AutoSignIn: true})
	h := newHarness(t, opt)
	r := h.post("/sign-up/email", `{"email":"alice@example.com","password":"correct horse 1","name":"Alice"}`, nil)
	if r.status != 200 || !strings.HasPrefix(string(r.body), `{"token":null,"user":{`) || cookieHeader(r) != "" {
		t.Fatalf("sign-up: %d %s %v, want token null and no cookie", r.status, r.body, r.cookies)
	}
	verifyToken(t, sink, "alice@example.com", 1)
	pos := h.head()
	if r := h.signIn("alice@example.com", "correct horse 1"); r.status != 403 ||
		string(r.body) != `{"message":"Email not verified","code":"EMAIL_NOT_VERIFIED"}` {
		t.Errorf("sign-in: %d %s, want 403 EMAIL_NOT_VERIFIED", r.status, r.body)
	}
	if r := h.signIn("alice@example.com", "wrong horse 1"); r.status != 401 {
		t.Errorf("wrong password: %d %s, want 401", r.status, r.body)
	}
	tok, _ := verifyToken(t, sink, "alice@example.com", 2)
	if got := h.typesSince(pos); !cmp.Equal(sortedCopy(got), []string{"account.sign_in_failed", "person.email_verification_requested", "signin.failed"}) {
		t.Errorf("appended %v, want the wrong password's failure and the fresh link", got)
	}
	v := h.getNoFollow("/verify-email?token="+tok, nil)
	if v.status != 200 || cookieHeader(v) == "" {
		t.Fatalf("verify: %d %s %v, want a session cookie (autoSignIn)", v.status, v.body, v.cookies)
	}
	if u := h.get("/get-session", withCookie(cookieHeader(v))).json(t)["user"].(map[string]any); u["emailVerified"] != true {
		t.Errorf("auto sign-in session user %v", u)
	}
	if r := h.signIn("alice@example.com", "correct horse 1"); r.status != 200 {
		t.Errorf("sign-in after verification: %d %s", r.status, r.body)
	}
}

// sortedCopy is s sorted (background appends have no fixed order).
func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// TestRequireEmailVerificationDuplicateSignUp: with verification required,
// signing up with a taken address answers like a new sign-up (token null,
// a user with a fresh id), appends nothing and mails nothing.
func TestRequireEmailVerificationDuplicateSignUp(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{Required: true, SendOnSignUp: true})
	h := newHarness(t, opt)
	body := `{"email":"alice@example.com","password":"correct horse 1","name":"Alice"}`
	first := h.post("/sign-up/email", body, nil)
	verifyToken(t, sink, "alice@example.com", 1)
	pos := h.head()
	again := h.post("/sign-up/email", body, nil)
	if again.status != 200 || !strings.HasPrefix(string(again.body), `{"token":null,"user":{`) || cookieHeader(again) != "" {
		t.Fatalf("duplicate: %d %s", again.status, again.body)
	}
	u1, u2 := first.json(t)["user"].(map[string]any), again.json(t)["user"].(map[string]any)
	if u1["id"] == u2["id"] || u2["email"] != "alice@example.com" || u2["emailVerified"] != false {
		t.Errorf("users %v and %v", u1, u2)
	}
	if n := len(h.typesSince(pos)); n != 0 {
		t.Errorf("appended %d events", n)
	}
	time.Sleep(100 * time.Millisecond)
	if n := len(sink.Messages()); n != 1 {
		t.Errorf("%d messages, want only the first sign-up's", n)
	}
}
