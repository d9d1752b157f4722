package recovery_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/google/go-cmp/cmp"
)

// TestResetPassword: the link redirects with the token, the reset sets
// the password, consumes the token and revokes every session in one
// append, and opens none; the token then is invalid.
func TestResetPassword(t *testing.T) {
	ctx := context.Background()
	rec := &mailertest.Recorder{}
	f := newFixture(recovery.Config{Mailer: rec})
	defer f.Close()
	personID, first := f.signUp("alice@example.com", "correct horse 1")
	second, err := f.sess.Open(caller, personID, true, f.App.Now())
	must(err)
	_, err = f.App.Commit(ctx, caller.Meta(personID, f.App.Now()), personID, second.Change)
	must(err)
	token := f.requestToken(rec, "alice@example.com")
	to, err := f.svc.FollowLink(ctx, recovery.FollowInput{Token: token, CallbackURL: "/reset"})
	if want := "http://127.0.0.1:8080/reset?token=" + token; err != nil || to != want {
		t.Fatalf("FollowLink = %q, %v; want %q", to, err, want)
	}
	before := f.Head(t)
	if err := f.svc.ResetPassword(ctx, recovery.ResetInput{Caller: caller, Token: token, NewPassword: "correct horse 3"}); err != nil {
		t.Fatalf("ResetPassword: %v", err)
	}
	want := map[string]int{account.TypePasswordReset: 1, session.TypeRevoked: 2, // the address was unproven:
		person.TypeEmailVerified: 1, person.TypeUnprovenAccessRemoved: 1} // the link proves it
	if diff := cmp.Diff(f.CountsSince(t, before), want); diff != "" {
		t.Errorf("appended (-got +want):\n%s", diff)
	}
	if !f.passwordIs(personID, "correct horse 3") {
		t.Error("the password did not change")
	}
	if _, found, _ := f.sess.Lookup(first.Token); found {
		t.Error("a session from before the reset is still live")
	}
	to, err = f.svc.FollowLink(ctx, recovery.FollowInput{Token: token, CallbackURL: "https://app.example.com/r?x=1"})
	if want := "https://app.example.com/r?error=INVALID_TOKEN&x=1"; err != nil || to != want {
		t.Errorf("FollowLink after use = %q, %v; want %q", to, err, want)
	}
}

// TestResetRefused: each unusable token or password is refused, changes
// no password and appends nothing.
func TestResetRefused(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(f *fixture, rec *mailertest.Recorder) (token, pw string)
		wantErr error
	}{
		{"reused", func(f *fixture, rec *mailertest.Recorder) (string, string) {
			tok := f.requestToken(rec, "alice@example.com")
			must(f.svc.ResetPassword(context.Background(), recovery.ResetInput{Caller: caller, Token: tok, NewPassword: "correct horse 5"}))
			return tok, "correct horse 9"
		}, account.ErrInvalidToken},
		{"superseded", func(f *fixture, rec *mailertest.Recorder) (string, string) {
			tok := f.requestToken(rec, "alice@example.com")
			f.requestToken(rec, "alice@example.com")
			return tok, "correct horse 9"
		}, account.ErrInvalidToken},
		{"expired", func(f *fixture, rec *mailertest.Recorder) (string, string) {
			tok := f.requestToken(rec, "alice@example.com")
			f.Clock.Advance(account.ResetTTL)
			return tok, "correct horse 9"
		}, account.ErrInvalidToken},
		{"unknown", func(*fixture, *mailertest.Recorder) (string, string) {
			return "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "correct horse 9"
		}, account.ErrInvalidToken},
		{"too long a token", func(*fixture, *mailertest.Recorder) (string, string) {
			return strings.Repeat("A", 257), "correct horse 9"
		}, account.ErrInvalidToken},
		{"too long a password", func(f *fixture, rec *mailertest.Recorder) (string, string) {
			return f.requestToken(rec, "alice@example.com"), strings.Repeat("horse ", 30)
		}, domain.ErrPasswordTooLong},
		{"too short a password", func(f *fixture, rec *mailertest.Recorder) (string, string) {
			return f.requestToken(rec, "alice@example.com"), "short"
		}, domain.ErrPasswordTooShort},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &mailertest.Recorder{}
			f := newFixture(recovery.Config{Mailer: rec})
			defer f.Close()
			personID, _ := f.signUp("alice@example.com", "correct horse 1")
			tok, pw := tt.prepare(f, rec)
			before := f.Head(t)
			err := f.svc.ResetPassword(context.Background(), recovery.ResetInput{Caller: caller, Token: tok, NewPassword: pw})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ResetPassword = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(f.CountsSince(t, before), map[string]int(nil)); diff != "" {
				t.Errorf("a refusal appended (-got +want):\n%s", diff)
			}
			if f.passwordIs(personID, pw) {
				t.Error("a refused reset changed the password")
			}
		})
	}
}

// TestResetTokenOtherPerson: bob's token resets bob only.
func TestResetTokenOtherPerson(t *testing.T) {
	rec := &mailertest.Recorder{}
	f := newFixture(recovery.Config{Mailer: rec})
	defer f.Close()
	alice, _ := f.signUp("alice@example.com", "correct horse 1")
	bob, _ := f.signUp("bob@example.com", "correct horse 1")
	f.requestToken(rec, "alice@example.com")
	tok := f.requestToken(rec, "bob@example.com")
	must(f.svc.ResetPassword(context.Background(), recovery.ResetInput{Caller: caller, Token: tok, NewPassword: "correct horse 7"}))
	if !f.passwordIs(alice, "correct horse 1") || !f.passwordIs(bob, "correct horse 7") {
		t.Error("bob's token did not reset exactly bob's password")
	}
}
