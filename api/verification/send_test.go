package verification_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

func TestSendWithoutSessionAnswersAlike(t *testing.T) {
	f := newFixture(t, verification.Config{})
	f.signUp("alice@example.com")
	for _, addr := range []string{"nobody@example.com", "ALICE@example.com"} {
		if err := f.svc.Send(context.Background(), verification.SendInput{Caller: caller, Email: addr}); err != nil {
			t.Errorf("Send(%s) = %v", addr, err)
		}
	}
	f.svc.Wait()
	msgs := f.rec.Messages()
	if len(msgs) != 1 || msgs[0].To != "alice@example.com" {
		t.Fatalf("mails = %+v, want one to alice", msgs)
	}
	if !strings.Contains(msgs[0].Text, "http://127.0.0.1:8080/api/auth/verify-email?token=") ||
		!strings.Contains(msgs[0].Text, "&callbackURL=%2F") {
		t.Errorf("link not on the base URL with the default callback: %q", msgs[0].Text)
	}
	if err := f.svc.Send(context.Background(), verification.SendInput{Caller: caller, Email: "not-an-email"}); !errors.Is(err, verification.ErrInvalidEmail) {
		t.Errorf("bad address: %v", err)
	}
}

func TestSendWithSession(t *testing.T) {
	f := newFixture(t, verification.Config{})
	_, alice := f.signUp("alice@example.com")
	verified := alice
	verified.User.EmailVerified = true
	tests := []struct {
		name   string
		authed sessions.Authed
		email  string
		want   error
	}{
		{"another address", alice, "bob@example.com", person.ErrEmailMismatch},
		{"already verified", verified, "alice@example.com", person.ErrEmailAlreadyVerified},
		{"own address", alice, "Alice@Example.com", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pos := f.Head(t)
			err := f.svc.Send(context.Background(), verification.SendInput{Caller: caller, Authed: &tt.authed, Email: tt.email})
			if !errors.Is(err, tt.want) && !(err == nil && tt.want == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if n := len(f.TypesSince(t, pos)); (n == 1) != (tt.want == nil) {
				t.Errorf("appended %d events", n)
			}
		})
	}
	if n := len(f.rec.Messages()); n != 1 {
		t.Errorf("%d mails, want 1", n)
	}
}

func TestSendWhenOff(t *testing.T) {
	f := newFixture(t, verification.Config{})
	off := verification.New(f.App, f.sess, verification.Config{})
	err := off.Send(context.Background(), verification.SendInput{Caller: caller, Email: "alice@example.com"})
	if !errors.Is(err, person.ErrVerificationEmailOff) {
		t.Errorf("err = %v, want VERIFICATION_EMAIL_NOT_ENABLED", err)
	}
	var de *domain.Error
	if !errors.As(err, &de) || de.Message != "Verification email isn't enabled" {
		t.Errorf("message = %v", err)
	}
}
