package verification_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/google/go-cmp/cmp"
)

func (f *fixture) change(a sessions.Authed, addr string) error {
	return f.svc.ChangeEmail(context.Background(), verification.ChangeInput{Caller: caller, Authed: a, NewEmail: addr, CallbackURL: "/done"})
}

func (f *fixture) follow(a *sessions.Authed, tok string) (verification.VerifyResult, error) {
	return f.svc.Verify(context.Background(), verification.VerifyInput{Caller: caller, Authed: a, Token: tok, CallbackURL: "/done"})
}

// TestChangeEmailUnverified: an unverified address goes straight to a
// link to the new address; following it moves the email claim (the old
// address is free, the new one taken) and the session shows it. (Followed
// elsewhere, it ends that session too: see TestChangeEmailFromUnprovenEndsAccess.)
func TestChangeEmailUnverified(t *testing.T) {
	f := newFixture(t, verification.Config{ChangeEmail: true})
	id, alice := f.signUp("alice@example.com")
	f.must(f.change(alice, "new@example.com"))
	tok := f.lastToken("new@example.com")
	pos := f.Head(t)
	res, err := f.follow(&alice, tok) // in the browser that asked: its session stays
	if err != nil || res.Outcome != verification.OutcomeChanged || res.PersonID != id {
		t.Fatalf("follow = %+v, %v", res, err)
	}
	if diff := cmp.Diff(f.TypesSince(t, pos), []string{person.TypeEmailChanged}); diff != "" {
		t.Error(diff)
	}
	if owner, err := f.App.Owner(context.Background(), "email", "new@example.com"); err != nil || owner != domain.PersonStream(id) {
		t.Errorf("new address owner %q, %v", owner, err)
	}
	if _, err := f.App.Owner(context.Background(), "email", "alice@example.com"); err == nil {
		t.Error("old address still claimed")
	}
	if a, _, _ := f.sess.Lookup(alice.Token); a.User.Email != "new@example.com" || !a.User.EmailVerified {
		t.Errorf("session user %+v", a.User)
	}
	if _, err := f.follow(nil, tok); !errors.Is(err, person.ErrInvalidToken) {
		t.Errorf("replay: %v", err)
	}
}

// TestChangeEmailVerifiedNeedsApproval: a verified address approves
// first; the approval link mails the new address, whose link moves it.
func TestChangeEmailVerifiedNeedsApproval(t *testing.T) {
	f := newFixture(t, verification.Config{ChangeEmail: true})
	_, alice := f.signUp("alice@example.com")
	if _, err := f.follow(&alice, f.request("alice@example.com")); err != nil {
		t.Fatal(err)
	}
	alice, _, _ = f.sess.Lookup(alice.Token)
	f.must(f.change(alice, "new@example.com"))
	approve := f.lastToken("alice@example.com")
	if _, err := f.follow(nil, approve); err != nil {
		t.Fatalf("approve: %v", err)
	}
	prove := f.lastToken("new@example.com")
	if a, _, _ := f.sess.Lookup(alice.Token); a.User.Email != "alice@example.com" {
		t.Fatalf("address moved before proof: %+v", a.User)
	}
	if _, err := f.follow(nil, approve); !errors.Is(err, person.ErrInvalidToken) {
		t.Errorf("approval replay: %v", err)
	}
	if res, err := f.follow(&alice, prove); err != nil || res.Outcome != verification.OutcomeChanged {
		t.Fatalf("prove: %+v, %v", res, err)
	}
	if a, _, _ := f.sess.Lookup(alice.Token); a.User.Email != "new@example.com" {
		t.Errorf("session user %+v", a.User)
	}
}

func TestChangeEmailRefusals(t *testing.T) {
	f := newFixture(t, verification.Config{ChangeEmail: true})
	_, alice := f.signUp("alice@example.com")
	_, bob := f.signUp("bob@example.com")
	for _, tt := range []struct {
		name, addr string
		want       error
	}{
		{"not an email", "nope", verification.ErrInvalidEmail},
		{"same address", "ALICE@example.com", person.ErrEmailIsTheSame},
		{"taken address (answered alike)", "bob@example.com", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pos := f.Head(t)
			if err := f.change(alice, tt.addr); !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			if n := len(f.TypesSince(t, pos)); n != 0 {
				t.Errorf("appended %d events", n)
			}
		})
	}
	if n := len(f.rec.Messages()); n != 0 {
		t.Errorf("%d mails, want none", n)
	}
	f.must(f.change(alice, "new@example.com"))
	tok := f.lastToken("new@example.com")
	pos := f.Head(t)
	if _, err := f.follow(&bob, tok); !errors.Is(err, person.ErrInvalidUser) {
		t.Errorf("another person's link: %v, want INVALID_USER", err)
	}
	if n := len(f.TypesSince(t, pos)); n != 0 {
		t.Errorf("appended %d events", n)
	}
	f.signUp("new@example.com") // someone takes the address before the link is followed
	pos = f.Head(t)
	if _, err := f.follow(nil, tok); !errors.Is(err, domain.ErrUserAlreadyExists) {
		t.Errorf("address taken meanwhile: %v, want USER_ALREADY_EXISTS", err)
	}
	if n := len(f.TypesSince(t, pos)); n != 0 {
		t.Errorf("appended %d events", n)
	}
	off := verification.New(f.App, f.sess, verification.Config{Mailer: f.rec})
	if err := off.ChangeEmail(context.Background(), verification.ChangeInput{Caller: caller, Authed: alice, NewEmail: "x@example.com"}); !errors.Is(err, person.ErrChangeEmailDisabled) {
		t.Errorf("disabled: %v", err)
	}
}
