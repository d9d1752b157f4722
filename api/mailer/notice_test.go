package mailer_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/recovery"
)

// TestOwnerIsToldWhatProvingRemoved: a reset proving a never-verified
// address ends the session the sign-up opened (someone else may have
// opened it); the mailer, reading person.unproven_access_removed, tells
// the owner what went, after the reset link itself.
func TestOwnerIsToldWhatProvingRemoved(t *testing.T) {
	ctx := context.Background()
	e := newMailEnv(t)
	e.signUp(t, "Ann", "ann@example.com")
	rec := e.rec
	svc := recovery.New(e.App, e.sess, recovery.Config{Mailer: rec, BaseURL: base})
	if err := svc.RequestReset(ctx, recovery.RequestInput{Caller: caller, Email: "ann@example.com"}); err != nil {
		t.Fatal(err)
	}
	svc.Wait()
	msgs := rec.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d messages before the reset, want the link", len(msgs))
	}
	tok := regexp.MustCompile(`/reset-password/([A-Za-z0-9_-]+)`).FindStringSubmatch(msgs[0].Text)
	if tok == nil {
		t.Fatalf("no link in %q", msgs[0].Text)
	}
	if err := svc.ResetPassword(ctx, recovery.ResetInput{Caller: caller, Token: tok[1], NewPassword: "another horse 2"}); err != nil {
		t.Fatal(err)
	}
	msgs = rec.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages after the reset, want the link and the notice", len(msgs))
	}
	n := msgs[1]
	if n.To != "ann@example.com" || n.Subject != "Your email address is confirmed" ||
		!strings.Contains(n.Text, "- 1 session(s) signed in") || strings.Contains(n.Text, "- the password") {
		t.Errorf("notice %+v", n)
	}
}
