package httpapi

import (
	"testing"

	"github.com/authledger/authledger/api/verification"
)

// TestChangeEmailFlow: a verified address approves by a link mailed to
// it, the new address proves itself, and the session and sign-in follow
// the new address; the old one signs in no more.
func TestChangeEmailFlow(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{ChangeEmail: true})
	h := newHarness(t, opt)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	auth := map[string]string{"Cookie": cookie, "Origin": testOrigin}
	h.post("/send-verification-email", `{"email":"alice@example.com"}`, auth)
	tok, _ := verifyToken(t, sink, "alice@example.com", 1)
	if r := h.getNoFollow("/verify-email?token="+tok, withCookie(cookie)); r.status != 200 {
		t.Fatalf("verify: %d %s", r.status, r.body)
	}
	if r := h.post("/change-email", `{"newEmail":"new@example.com","callbackURL":"/settings"}`, auth); r.status != 200 || string(r.body) != `{"status":true}` {
		t.Fatalf("change-email: %d %s", r.status, r.body)
	}
	approve, _ := verifyToken(t, sink, "alice@example.com", 2)
	if r := h.getNoFollow("/verify-email?token="+approve+"&callbackURL=%2Fsettings", withCookie(cookie)); r.status != 302 || r.header.Get("Location") != "/settings" {
		t.Fatalf("approve: %d %q", r.status, r.header.Get("Location"))
	}
	prove, _ := verifyToken(t, sink, "new@example.com", 3)
	r := h.getNoFollow("/verify-email?token="+prove, withCookie(cookie))
	user, _ := r.json(t)["user"].(map[string]any)
	if r.status != 200 || user["email"] != "new@example.com" || user["emailVerified"] != true {
		t.Fatalf("prove: %d %s", r.status, r.body)
	}
	if u := h.get("/get-session", withCookie(cookie)).json(t)["user"].(map[string]any); u["email"] != "new@example.com" {
		t.Errorf("session user %v", u)
	}
	if r := h.signIn("new@example.com", "correct horse 1"); r.status != 200 {
		t.Errorf("sign-in with the new address: %d %s", r.status, r.body)
	}
	if r := h.signIn("alice@example.com", "correct horse 1"); r.status != 401 {
		t.Errorf("sign-in with the old address: %d %s", r.status, r.body)
	}
	if r := h.getNoFollow("/verify-email?token="+prove, nil); r.status != 401 || r.json(t)["code"] != "INVALID_TOKEN" {
		t.Errorf("replay: %d %s", r.status, r.body)
	}
}

// TestChangeEmailRefusals: bad input and refusals are 4xx with a code and
// append nothing; another person's link is INVALID_USER.
func TestChangeEmailRefusals(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{ChangeEmail: true})
	h := newHarness(t, opt)
	alice, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	bob, _ := h.signUp("bob@example.com", "correct horse 2", "Bob")
	auth := map[string]string{"Cookie": alice, "Origin": testOrigin}
	tests := []struct {
		name, body string
		headers    map[string]string
		status     int
		code       string
	}{
		{"no session", `{"newEmail":"n@example.com"}`, nil, 401, "UNAUTHORIZED"},
		{"no newEmail", `{}`, auth, 400, "VALIDATION_ERROR"},
		{"unknown key", `{"newEmail":"n@example.com","email":"x"}`, auth, 400, "VALIDATION_ERROR"},
		{"not an email", `{"newEmail":"nope"}`, auth, 400, "INVALID_EMAIL"},
		{"same address", `{"newEmail":"ALICE@example.com"}`, auth, 400, "EMAIL_IS_THE_SAME"},
		{"untrusted callback", `{"newEmail":"n@example.com","callbackURL":"https://evil.test/"}`, auth, 403, "INVALID_CALLBACK_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pos := h.head()
			r := h.post("/change-email", tt.body, tt.headers)
			if r.status != tt.status || r.json(t)["code"] != tt.code {
				t.Errorf("got %d %s, want %d %s", r.status, r.body, tt.status, tt.code)
			}
			if n := len(h.typesSince(pos)); n != 0 {
				t.Errorf("refusal appended %d events", n)
			}
		})
	}
	if r := h.post("/change-email", `{"newEmail":"bob@example.com"}`, auth); r.status != 200 {
		t.Errorf("taken address: %d %s, want the same answer", r.status, r.body)
	}
	h.post("/change-email", `{"newEmail":"new@example.com"}`, auth)
	tok, _ := verifyToken(t, sink, "new@example.com", 1)
	pos := h.head()
	if r := h.getNoFollow("/verify-email?token="+tok+"&callbackURL=%2Fx", withCookie(bob)); r.header.Get("Location") != "/x?error=INVALID_USER" {
		t.Errorf("bob follows alice's link: %d %q", r.status, r.header.Get("Location"))
	}
	if n := len(h.typesSince(pos)); n != 0 {
		t.Errorf("refusal appended %d events", n)
	}
}

// TestChangeEmailDisabled: off by default, as in Better Auth.
func TestChangeEmailDisabled(t *testing.T) {
	opt, _ := withVerification(t, verification.Config{})
	h := newHarness(t, opt)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	r := h.post("/change-email", `{"newEmail":"n@example.com"}`, map[string]string{"Cookie": cookie, "Origin": testOrigin})
	if r.status != 400 || string(r.body) != `{"message":"Change email is disabled","code":"CHANGE_EMAIL_DISABLED"}` {
		t.Errorf("got %d %s", r.status, r.body)
	}
}
