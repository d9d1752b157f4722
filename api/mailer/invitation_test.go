package mailer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/orgs"
)

// TestInvitationMail: a pending invitation is mailed to the invitee with
// the organization, the inviter, the role and the hosted accept link; one
// cancelled before the mailer reached it gets nothing; a resend mails
// again, under its own Message-ID.
func TestInvitationMail(t *testing.T) {
	ctx := context.Background()
	e := newMailEnv(t)
	env, rec, sess := e.Env, e.rec, e.sess
	res := e.signUp(t, "Olga Owner", "olga@example.com")
	owner, _, _ := sess.Lookup(res.Token)
	svc := orgs.New(env.App, sess, orgs.Config{})
	org, err := svc.Create(ctx, orgs.CreateInput{Caller: caller, Authed: owner, Name: "Acme Corp", Slug: "acme"})
	if err != nil {
		t.Fatal(err)
	}
	invite := func(addr string, resend bool) orgs.Invitation {
		inv, err := svc.Invite(ctx, orgs.InviteInput{Caller: caller, Authed: owner, OrganizationID: org.ID, Email: addr,
			Role: "member", Resend: resend})
		if err != nil {
			t.Fatal(err)
		}
		return inv
	}
	cancelled := invite("bob@example.com", false)
	if _, err := svc.Cancel(ctx, orgs.AnswerInput{Caller: caller, Authed: owner, InvitationID: cancelled.ID}); err != nil {
		t.Fatal(err)
	}
	inv := invite("carol@example.com", false)
	invite("carol@example.com", true)
	msgs := rec.Messages()
	if len(msgs) != 2 {
		t.Fatalf("got %d messages (%+v), want two to carol and none to the cancelled bob", len(msgs), msgs)
	}
	for _, m := range msgs {
		if m.To != "carol@example.com" || m.Subject != "You are invited to join Acme Corp" {
			t.Errorf("got %q / %q, want carol invited to Acme Corp", m.To, m.Subject)
		}
		for _, want := range []string{"Olga Owner (olga@example.com) invited you to join Acme Corp as member.",
			base + "/ui/accept-invitation?id=" + inv.ID, "Invitation id: " + inv.ID} {
			if !strings.Contains(m.Text, want) {
				t.Errorf("invitation mail %q lacks %q", m.Text, want)
			}
		}
	}
	if msgs[0].MessageID == msgs[1].MessageID || !strings.HasSuffix(msgs[0].MessageID, "@127.0.0.1>") {
		t.Errorf("Message-IDs %q and %q: want one per event, on the base URL's host", msgs[0].MessageID, msgs[1].MessageID)
	}
}
