package httpapi

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/twofactor"
)

// Account pre-hijacking (Sudhodanan & Paverd, USENIX Security 2022) over
// HTTP: someone who does not own an address signs up with it and plants
// every foothold the API offers; the owner then proves the address. The
// federated-merge and non-verifying-provider variants need a provider and
// run against the binary with Hydra (cmd/authledger/prehijack_test.go).

// foothold is what a squatter planted on an account of someone else's
// address: two sessions, a passkey, TOTP (with its secret) and a trusted
// device.
type foothold struct {
	sessions []string
	trusted  string
	device   device
	secret   string
}

// squatted signs addr up with tfPassword, registers a passkey, turns TOTP
// on and signs in again trusting the device.
func (h *harness) squatted(addr string) foothold {
	h.t.Helper()
	first, _, d := h.registered(addr)
	r := h.post("/two-factor/enable", `{"password":"`+tfPassword+`"}`, withCookie(first))
	if r.status != 200 {
		h.t.Fatalf("enable: %d %s", r.status, r.body)
	}
	uri, _ := r.json(h.t.(*testing.T))["totpURI"].(string)
	secret := secretOf(h.t, uri)
	if r := h.post("/two-factor/verify-totp", `{"code":"`+codeAt(h.t, secret, h.clock.Now())+`"}`, withCookie(first)); r.status != 200 {
		h.t.Fatalf("verify-totp (enrolment): %d %s", r.status, r.body)
	}
	h.clock.Advance(30 * time.Second)
	r = h.verify("verify-totp", h.challenge(addr), codeAt(h.t, secret, h.clock.Now()), true)
	trusted := cookieNamed(r, "better-auth.trust_device")
	if r.status != 200 || trusted == "" {
		h.t.Fatalf("trusted sign-in: %d %s %v", r.status, r.body, r.cookies)
	}
	return foothold{sessions: []string{first, cookieHeader(r)}, trusted: trusted, device: d, secret: secret}
}

// gone checks that none of f's footholds works any more: no session, no
// passkey sign-in, no second factor (the person has none now), and that
// person.unproven_access_removed recorded it with via.
func (h *harness) gone(t *testing.T, f foothold, via string) {
	t.Helper()
	for i, s := range f.sessions {
		if r := h.get("/get-session", withCookie(s)); string(r.body) != "null" {
			t.Errorf("squatter's session %d survived: %s", i, r.body)
		}
	}
	ao, ch := h.authOptions()
	if r := h.verifyAuthentication(ch, f.device.assert(goodRP, ao)); r.status == 200 {
		t.Errorf("squatter's passkey still signs in: %s", r.body)
	}
	var removed *person.UnprovenAccessRemoved
	disabled := 0
	for _, ev := range h.events() {
		switch e := ev.(type) {
		case person.UnprovenAccessRemoved:
			removed = &e
		case twofactor.Disabled:
			disabled++
		}
	}
	if removed == nil || removed.Via != via || removed.Passkeys != 1 || !removed.TwoFactor || removed.Sessions < 2 {
		t.Errorf("person.unproven_access_removed = %+v, want via %s with the passkey, two-factor and the sessions", removed, via)
	}
	if disabled != 1 {
		t.Errorf("two_factor.disabled × %d, want 1", disabled)
	}
}

// TestPreHijackClassic: the squatter keeps a password, sessions, a passkey,
// TOTP and a trusted device; the owner resets the password from their
// mailbox. The reset replaces the password and proves the address; every
// foothold ends; the owner signs in with the new password and no second
// factor they never set up.
func TestPreHijackClassic(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt, withPasskeyRP)
	f := h.squatted("alice@example.com")
	tok, _ := h.requestReset(sink, "alice@example.com", 1)
	if r := h.reset(tok, "owner horse 9"); r.status != 200 {
		t.Fatalf("reset: %d %s", r.status, r.body)
	}
	h.gone(t, f, person.ViaPasswordReset)
	if r := h.post("/sign-in/email", `{"email":"alice@example.com","password":"`+tfPassword+`"}`,
		withCookie(f.trusted)); r.status != 401 {
		t.Errorf("squatter's password on the trusted device: %d %s", r.status, r.body)
	}
	r := h.signIn("alice@example.com", "owner horse 9")
	user, _ := r.json(t)["user"].(map[string]any)
	if r.status != 200 || r.json(t)["token"] == nil || user["twoFactorEnabled"] != false || user["emailVerified"] != true {
		t.Errorf("owner's sign-in: %d %s, want a session, no second factor, a verified address", r.status, r.body)
	}
}

// TestPreHijackUnexpiredSession: the squatter's sessions outlive the
// sign-up; the owner follows the verification link mailed to them. Every
// session, the passkey, TOTP and the trusted device end, and the owner is
// told by mail (the password the sign-up set stays: the notice tells the
// owner to reset it when the sign-up was not theirs, which ends it too).
func TestPreHijackUnexpiredSession(t *testing.T) {
	opt, sink := withVerification(t, verification.Config{SendOnSignUp: true})
	h := newHarness(t, opt, withPasskeyRP)
	f := h.squatted("alice@example.com")
	tok, _ := verifyToken(t, sink, "alice@example.com", 1)
	if r := h.getNoFollow("/verify-email?token="+tok, nil); r.status != 200 {
		t.Fatalf("verify: %d %s", r.status, r.body)
	}
	h.gone(t, f, person.ViaVerification)
	msgs := sink.Wait(2, 10*time.Second)
	if len(msgs) != 2 || msgs[1].To[0] != "alice@example.com" || !strings.Contains(msgs[1].Data, "were removed") {
		t.Errorf("no notice to the owner: %+v", msgs)
	}
}

// TestPreHijackUnchangedEmail: the squatter asks to move the account to
// their own address and leaves the link unused; the owner resets the
// password. The reset voids the pending change: the squatter's link then
// moves nothing.
func TestPreHijackUnchangedEmail(t *testing.T) {
	vopt, vsink := withVerification(t, verification.Config{ChangeEmail: true})
	ropt, rsink := withSink(t)
	h := newHarness(t, vopt, ropt)
	squatter, _ := h.signUp("alice@example.com", tfPassword, "Not Alice")
	if r := h.post("/change-email", `{"newEmail":"mallory@example.com","callbackURL":"/done"}`, withCookie(squatter)); r.status != 200 {
		t.Fatalf("change-email: %d %s", r.status, r.body)
	}
	link, _ := verifyToken(t, vsink, "mallory@example.com", 1)
	tok, _ := h.requestReset(rsink, "alice@example.com", 1)
	if r := h.reset(tok, "owner horse 9"); r.status != 200 {
		t.Fatalf("reset: %d %s", r.status, r.body)
	}
	h.getNoFollow("/verify-email?token="+link, nil)
	if r := h.signIn("alice@example.com", "owner horse 9"); r.status != 200 {
		t.Errorf("owner's sign-in after the squatter's link: %d %s", r.status, r.body)
	}
	if r := h.signIn("mallory@example.com", "owner horse 9"); r.status != 401 {
		t.Errorf("the squatter's change moved the account: %d %s", r.status, r.body)
	}
}

// prove records that addr's owner proved it (as a followed verification
// link does), for tests about what a proven owner keeps.
func (h *harness) prove(addr string) {
	h.t.Helper()
	ctx := context.Background()
	owner, err := h.srv.app.Owner(ctx, "email", addr)
	if err != nil {
		h.t.Fatal(err)
	}
	id := strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	_, err = app.Run(ctx, h.srv.app, person.NewDecider(), owner, app.Caller{}.Meta(id, h.clock.Now()), id,
		func(person.State) person.Command {
			return person.ProveEmail{Via: person.ViaVerification, At: h.clock.Now()}
		})
	if err != nil {
		h.t.Fatal(err)
	}
}
