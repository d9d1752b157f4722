package verification_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain/person"
	"github.com/google/go-cmp/cmp"
)

func TestVerifyProvesTheAddressOnce(t *testing.T) {
	f := newFixture(t, verification.Config{})
	id, _ := f.signUp("alice@example.com")
	tok := f.request("alice@example.com")
	if len(tok) != 32 {
		t.Fatalf("token %q, want 32 characters", tok)
	}
	pos := f.Head(t)
	res, err := f.svc.Verify(context.Background(), verification.VerifyInput{Caller: caller, Token: tok})
	if err != nil || res.PersonID != id || res.Token != "" {
		t.Fatalf("Verify = %+v, %v", res, err)
	}
	if diff := cmp.Diff(f.TypesSince(t, pos), []string{person.TypeEmailVerified, person.TypeUnprovenAccessRemoved,
		"session.revoked"}); diff != "" {
		t.Error(diff) // the session opened at sign-up, by whoever used the address, ends
	}
	if res.Revoked != 1 {
		t.Errorf("revoked %d sessions, want 1", res.Revoked)
	}
	if msgs := f.rec.Messages(); msgs[len(msgs)-1].Subject != "Your email address is confirmed" {
		t.Errorf("no notice to the owner: %+v", msgs[len(msgs)-1])
	}
	if u, _ := f.sess.User(id); !u.EmailVerified {
		t.Error("session index: emailVerified false after verification")
	}
	pos = f.Head(t)
	if _, err := f.svc.Verify(context.Background(), verification.VerifyInput{Caller: caller, Token: tok}); !errors.Is(err, person.ErrInvalidToken) {
		t.Errorf("replay: err = %v, want INVALID_TOKEN", err)
	}
	if got := f.TypesSince(t, pos); len(got) != 0 {
		t.Errorf("replay appended %v", got)
	}
}

func TestVerifyRefusals(t *testing.T) {
	f := newFixture(t, verification.Config{})
	f.signUp("alice@example.com")
	old := f.request("alice@example.com")
	cur := f.request("alice@example.com")
	tests := []struct {
		name    string
		token   string
		advance time.Duration
		want    error
	}{
		{"empty", "", 0, person.ErrInvalidToken},
		{"made up", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 0, person.ErrInvalidToken},
		{"too long", string(make([]byte, 300)), 0, person.ErrInvalidToken},
		{"superseded", old, 0, person.ErrInvalidToken},
		{"expired", cur, time.Hour, person.ErrTokenExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.Clock.Advance(tt.advance)
			pos := f.Head(t)
			_, err := f.svc.Verify(context.Background(), verification.VerifyInput{Caller: caller, Token: tt.token})
			if !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if got := f.TypesSince(t, pos); len(got) != 0 {
				t.Errorf("refusal appended %v", got)
			}
		})
	}
}

func TestVerifyWithAutoSignIn(t *testing.T) {
	f := newFixture(t, verification.Config{AutoSignIn: true})
	id, authed := f.signUp("alice@example.com")
	res, err := f.svc.Verify(context.Background(), verification.VerifyInput{Caller: caller, Token: f.request("alice@example.com")})
	if err != nil || res.Token == "" {
		t.Fatalf("Verify = %+v, %v; want a new session", res, err)
	}
	if a, ok, _ := f.sess.Lookup(res.Token); !ok || a.User.ID != id || !a.User.EmailVerified {
		t.Errorf("new session = %+v, %v", a, ok)
	}
	_, bob := f.signUp("bob@example.com")
	tok := f.request("bob@example.com")
	res, err = f.svc.Verify(context.Background(), verification.VerifyInput{Caller: caller, Authed: &bob, Token: tok})
	if err != nil || res.Token != "" {
		t.Errorf("verifying while signed in as oneself: %+v, %v; want no new session", res, err)
	}
	_ = authed
}

// TestVerifyKeepsTheCallersOwnSession: proving one's address while signed
// in keeps that session and ends the others (pre-hijacking defence).
func TestVerifyKeepsTheCallersOwnSession(t *testing.T) {
	f := newFixture(t, verification.Config{})
	id, mine := f.signUp("alice@example.com")
	o, err := f.sess.Open(caller, id, true, f.App.Now()) // a second session, e.g. the pre-hijacker's
	f.must(err)
	_, err = f.App.Commit(context.Background(), caller.Meta(id, f.App.Now()), id, o.Change)
	f.must(err)
	res, err := f.svc.Verify(context.Background(), verification.VerifyInput{Caller: caller, Authed: &mine, Token: f.request("alice@example.com")})
	if err != nil || res.Revoked != 1 {
		t.Fatalf("Verify = %+v, %v; want the other session revoked", res, err)
	}
	if _, ok, _ := f.sess.Lookup(mine.Token); !ok {
		t.Error("the caller's own session ended")
	}
	if _, ok, _ := f.sess.Lookup(o.Token); ok {
		t.Error("the other session survived")
	}
}
