package mfa_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
)

// challenge signs in with the password and returns the pending challenge.
func (e *env) challenge(addr string, device mfa.Device) mfa.Challenge {
	e.t.Helper()
	res, err := e.ids.SignIn(e.ctx, identity.SignInInput{Email: addr, Password: goodPW, RememberMe: true, Device: device})
	if err != nil || !res.Pending {
		e.t.Fatalf("SignIn = %+v, %v; want a pending challenge", res, err)
	}
	return res.Challenge
}

// TestVerifySignIn drives the second step of a sign-in: a dead or forged
// challenge appends nothing; a wrong code is recorded; a right one opens
// a session (and trusts the device when asked) and spends the challenge.
func TestVerifySignIn(t *testing.T) {
	e := newEnv(t, mfa.Config{})
	a, secret, backup := e.enrolled("ann@example.com")
	ch := e.challenge("ann@example.com", mfa.Device{})
	if ch.PersonID != a.User.ID || !ch.Remember || !ch.Expires.Equal(e.Clock.Now().Add(mfa.DefaultChallengeAge)) {
		t.Errorf("challenge %+v", ch)
	}
	expired := ch
	expired.Expires = e.Clock.Now()
	refusals := []struct {
		name   string
		in     mfa.VerifyInput
		code   domain.Code
		events []string
	}{
		{"no challenge", mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: e.code(secret)},
			domain.CodeOf(twofactor.ErrInvalidChallenge), []string{}},
		{"expired challenge", mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: e.code(secret), Challenge: expired},
			domain.CodeOf(twofactor.ErrInvalidChallenge), []string{}},
		{"dead session and no challenge", mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: e.code(secret), Token: "gone"},
			domain.CodeOf(twofactor.ErrInvalidChallenge), []string{}},
		{"wrong code", mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: "000000", Challenge: ch},
			domain.CodeOf(twofactor.ErrInvalidCode), []string{"two_factor.code_rejected"}},
		{"over-long code", mfa.VerifyInput{Method: twofactor.MethodBackupCode, Code: strings.Repeat("9", 65), Challenge: ch},
			domain.CodeOf(twofactor.ErrInvalidBackupCode), []string{"two_factor.code_rejected"}},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			before := e.Head(t)
			if _, err := e.mfa.Verify(e.ctx, c.in); codeOf(err) != c.code {
				t.Fatalf("Verify = %v, want code %s", err, c.code)
			}
			if got := e.TypesSince(t, before); !slices.Equal(got, c.events) {
				t.Errorf("events %v, want %v", got, c.events)
			}
		})
	}
	before := e.Head(t)
	v, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodBackupCode, Code: backup[0], Challenge: ch, TrustDevice: true})
	if err != nil || !v.SignedIn || v.PersonID != a.User.ID || !v.Remember || v.Trust.PersonID != a.User.ID || v.Trust.ID == "" {
		t.Fatalf("Verify = %+v, %v", v, err)
	}
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"two_factor.code_accepted", "session.created"}) {
		t.Errorf("events %v", got)
	}
	e.authed(v.Token)
	if _, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: twofactor.MethodBackupCode, Code: backup[1], Challenge: ch}); codeOf(err) != domain.CodeOf(twofactor.ErrInvalidChallenge) {
		t.Errorf("a spent challenge: %v", err)
	}
	if res, err := e.ids.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: goodPW, Device: v.Trust}); err != nil || res.Pending {
		t.Errorf("sign-in on the trusted device: %+v, %v", res, err)
	}
}

// TestTrusted is the trusted-device rule from plain values.
func TestTrusted(t *testing.T) {
	e := newEnv(t, mfa.Config{TrustDeviceAge: time.Hour})
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	d := mfa.Device{PersonID: "p", ID: "d", Issued: t0}
	cases := []struct {
		name                  string
		device                mfa.Device
		person                string
		revoked, password, at time.Time
		want                  bool
	}{
		{"live", d, "p", t0.Add(-time.Hour), t0.Add(-time.Hour), t0.Add(time.Minute), true},
		{"no device", mfa.Device{}, "", time.Time{}, time.Time{}, t0, false},
		{"someone else's", d, "q", time.Time{}, time.Time{}, t0.Add(time.Minute), false},
		{"too old", d, "p", time.Time{}, time.Time{}, t0.Add(time.Hour), false},
		{"trust revoked after", d, "p", t0.Add(time.Second), time.Time{}, t0.Add(time.Minute), false},
		{"password changed after", d, "p", time.Time{}, t0.Add(time.Second), t0.Add(time.Minute), false},
	}
	for _, c := range cases {
		if got := e.mfa.Trusted(c.device, c.person, c.revoked, c.password, c.at); got != c.want {
			t.Errorf("%s: Trusted = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestChallengeOnlyWhenEnabled: no challenge before enrolment completes.
func TestChallengeOnlyWhenEnabled(t *testing.T) {
	e := newEnv(t, mfa.Config{})
	a := e.signUp("ann@example.com")
	if _, err := e.mfa.Enable(e.ctx, mfa.EnableInput{PasswordInput: pw(a, goodPW)}); err != nil {
		t.Fatal(err)
	}
	if _, need, err := e.mfa.Challenge(e.ctx, a.User.ID, mfa.Device{}, time.Time{}, true); need || err != nil {
		t.Errorf("a pending enrolment asked for a challenge (%v)", err)
	}
}

// TestDisable: a wrong password is recorded and refused; a stale session
// is refused before anything is appended; two-factor stays on.
func TestDisable(t *testing.T) {
	e := newEnv(t, mfa.Config{})
	a, _, _ := e.enrolled("ann@example.com")
	before := e.Head(t)
	if _, err := e.mfa.Disable(e.ctx, mfa.DisableInput{PasswordInput: pw(a, "wrong horse 3")}); codeOf(err) != domain.CodeInvalidPassword {
		t.Errorf("wrong password: %v", err)
	}
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"two_factor.action_refused"}) {
		t.Errorf("events %v", got)
	}
	e.Clock.Advance(sessions.DefaultFreshAge + time.Hour)
	before = e.Head(t)
	if _, err := e.mfa.Disable(e.ctx, mfa.DisableInput{PasswordInput: pw(a, goodPW)}); codeOf(err) != sessions.CodeSessionNotFresh {
		t.Errorf("stale session: %v", err)
	}
	if got := e.TypesSince(t, before); len(got) != 0 {
		t.Errorf("a stale session appended %v", got)
	}
	if _, need, err := e.mfa.Challenge(e.ctx, a.User.ID, mfa.Device{}, time.Time{}, true); !need || err != nil {
		t.Errorf("two-factor is off after refused disables (%v)", err)
	}
}

// TestDisableFresh turns two-factor off on a fresh session.
func TestDisableFresh(t *testing.T) {
	e := newEnv(t, mfa.Config{})
	a, _, _ := e.enrolled("ann@example.com")
	before := e.Head(t)
	token, err := e.mfa.Disable(e.ctx, mfa.DisableInput{PasswordInput: pw(a, goodPW), DontRemember: true})
	if err != nil || token == "" || token == a.Token {
		t.Fatalf("Disable = %q, %v", token, err)
	}
	want := []string{"two_factor.disabled", "session.revoked", "session.created"}
	if got := e.TypesSince(t, before); !slices.Equal(got, want) {
		t.Errorf("events %v, want %v", got, want)
	}
	if n := e.authed(token); n.User.TwoFactorEnabled || n.Session.RememberMe {
		t.Errorf("new session %+v", n)
	}
	if res, err := e.ids.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: goodPW}); err != nil || res.Pending {
		t.Errorf("sign-in after disable: %+v, %v", res, err)
	}
	if token, err := e.mfa.Disable(e.ctx, mfa.DisableInput{PasswordInput: pw(e.authed(token), goodPW)}); err != nil || token != "" {
		t.Errorf("disable twice = %q, %v (want a no-op)", token, err)
	}
}
