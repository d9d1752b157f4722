package identity_test

import (
	"slices"
	"testing"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
)

// TestRevocations drives sign-out and the three revocations on a person
// with three sessions; another person's session is as unknown as a made-up
// one and nothing is appended for either.
func TestRevocations(t *testing.T) {
	cases := []struct {
		name    string
		run     func(e *env, in identity.SessionInput, others []sessions.Authed, stranger sessions.Authed) error
		code    domain.Code
		revoked int  // how many of the person's three sessions end
		selfOK  bool // the caller's own session survives
	}{
		{"sign out", func(e *env, in identity.SessionInput, _ []sessions.Authed, _ sessions.Authed) error {
			return e.svc.SignOut(e.ctx, in)
		}, "", 1, false},
		{"revoke one by handle", func(e *env, in identity.SessionInput, o []sessions.Authed, _ sessions.Authed) error {
			return e.svc.RevokeSession(e.ctx, identity.RevokeSessionInput{SessionInput: in, Target: o[0].Session.ID})
		}, "", 1, true},
		{"revoke one by token", func(e *env, in identity.SessionInput, o []sessions.Authed, _ sessions.Authed) error {
			return e.svc.RevokeSession(e.ctx, identity.RevokeSessionInput{SessionInput: in, Target: o[1].Token})
		}, "", 1, true},
		{"revoke another person's", func(e *env, in identity.SessionInput, _ []sessions.Authed, s sessions.Authed) error {
			return e.svc.RevokeSession(e.ctx, identity.RevokeSessionInput{SessionInput: in, Target: s.Session.ID})
		}, domain.CodeSessionNotFound, 0, true},
		{"revoke unknown", func(e *env, in identity.SessionInput, _ []sessions.Authed, _ sessions.Authed) error {
			return e.svc.RevokeSession(e.ctx, identity.RevokeSessionInput{SessionInput: in, Target: "nope"})
		}, domain.CodeSessionNotFound, 0, true},
		{"revoke all", func(e *env, in identity.SessionInput, _ []sessions.Authed, _ sessions.Authed) error {
			return e.svc.RevokeSessions(e.ctx, in)
		}, "", 3, false},
		{"revoke others", func(e *env, in identity.SessionInput, _ []sessions.Authed, _ sessions.Authed) error {
			return e.svc.RevokeOtherSessions(e.ctx, in)
		}, "", 2, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, nil, identity.Config{})
			self := e.signUp("ann@example.com")
			stranger := e.signUp("bob@example.com")
			var others []sessions.Authed
			for range 2 {
				res, err := e.svc.SignIn(e.ctx, identity.SignInInput{Email: "ann@example.com", Password: goodPW})
				if err != nil {
					t.Fatal(err)
				}
				others = append(others, e.authed(res.Token))
			}
			before := e.Head(t)
			err := c.run(e, identity.SessionInput{Session: self}, others, stranger)
			if got := codeOf(err); got != c.code {
				t.Fatalf("error %v (code %q), want %q", err, got, c.code)
			}
			want := slices.Repeat([]string{"session.revoked"}, c.revoked)
			if got := e.TypesSince(t, before); !slices.Equal(got, want) {
				t.Errorf("events %v, want %v", got, want)
			}
			if _, found, _ := e.sess.Lookup(self.Token); found != c.selfOK {
				t.Errorf("own session live %v, want %v", found, c.selfOK)
			}
			if _, found, _ := e.sess.Lookup(stranger.Token); !found {
				t.Error("another person's session ended")
			}
		})
	}
}
