package identity_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain"
)

// TestSignIn drives SignIn directly: what each outcome answers and what
// it appends (a wrong password and an unknown email are audit events of
// the address's throttle, a wrong password the account's too; a bad email
// or an over-long password append nothing).
func TestSignIn(t *testing.T) {
	e := newEnv(t, nil, identity.Config{})
	e.signUp("ann@example.com")
	cases := []struct {
		name   string
		in     identity.SignInInput
		code   domain.Code // "" for success
		events []string
	}{
		{"right password", identity.SignInInput{Email: "ann@example.com", Password: goodPW, RememberMe: true}, "",
			[]string{"account.sign_in_succeeded", "session.created"}},
		{"canonical email", identity.SignInInput{Email: "ANN@example.com", Password: goodPW}, "",
			[]string{"account.sign_in_succeeded", "session.created"}},
		{"wrong password", identity.SignInInput{Email: "ann@example.com", Password: "wrong horse 1"},
			domain.CodeInvalidCredentials, []string{"account.sign_in_failed", "signin.failed"}},
		{"a success clears the count", identity.SignInInput{Email: "ann@example.com", Password: goodPW}, "",
			[]string{"account.sign_in_succeeded", "signin.cleared", "session.created"}},
		{"unknown email", identity.SignInInput{Email: "nobody@example.com", Password: goodPW},
			domain.CodeInvalidCredentials, []string{"signin.failed"}},
		{"bad email", identity.SignInInput{Email: "nobody", Password: goodPW}, domain.CodeInvalidEmail, []string{}},
		{"over-long password", identity.SignInInput{Email: "ann@example.com", Password: strings.Repeat("p", 129)},
			domain.CodePasswordTooLong, []string{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.Head(t)
			res, err := e.svc.SignIn(e.ctx, c.in)
			if got := codeOf(err); got != c.code {
				t.Fatalf("SignIn = %v (code %q), want code %q", err, got, c.code)
			}
			if got := e.TypesSince(t, before); !slices.Equal(got, c.events) {
				t.Errorf("events %v, want %v", got, c.events)
			}
			if c.code == "" && (res.Pending || e.authed(res.Token).User.ID != res.PersonID || res.Remember != c.in.RememberMe) {
				t.Errorf("result %+v", res)
			}
		})
	}
}

// secondFactor is a stand-in for two-factor: it asks a challenge of every
// person but the trusted device's.
type secondFactor struct{ trusted string }

func (s secondFactor) Challenge(_ context.Context, personID string, d mfa.Device, _ time.Time, remember bool) (mfa.Challenge, bool, error) {
	if d.PersonID == personID && d.ID == s.trusted {
		return mfa.Challenge{}, false, nil
	}
	return mfa.Challenge{PersonID: personID, ID: strings.Repeat("c", 32), Remember: remember}, true, nil
}

// TestSignInSecondFactor: with a second factor due, a right password opens
// no session but records the pending challenge; a trusted device skips it;
// a wrong password is refused as usual.
func TestSignInSecondFactor(t *testing.T) {
	e := newEnv(t, secondFactor{trusted: strings.Repeat("t", 32)}, identity.Config{})
	a := e.signUp("tf@example.com")
	before := e.Head(t)
	res, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "tf@example.com", Password: goodPW, RememberMe: true})
	if err != nil || !res.Pending || res.Challenge.PersonID != a.User.ID || !res.Challenge.Remember {
		t.Fatalf("SignIn = %+v, %v; want a pending challenge", res, err)
	}
	if got := e.TypesSince(t, before); !slices.Equal(got, []string{"account.second_factor_required"}) {
		t.Errorf("events %v", got)
	}
	if _, found, _ := e.sess.Lookup(res.Token); found {
		t.Error("a pending sign-in must not open a session")
	}
	trusted := mfa.Device{PersonID: a.User.ID, ID: strings.Repeat("t", 32)}
	if res, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "tf@example.com", Password: goodPW, Device: trusted}); err != nil || res.Pending {
		t.Errorf("trusted device: %+v, %v", res, err)
	}
	if _, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "tf@example.com", Password: "wrong horse 1"}); domain.CodeOf(err) != domain.CodeInvalidCredentials {
		t.Errorf("wrong password with two-factor on: %v", err)
	}
}
