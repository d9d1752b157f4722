package orgs_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
)

func TestInviteRefusals(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{InvitationLimit: 2})
	defer w.Close()
	tm := newTeam(t, w)
	_, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(tm.owner), Email: "pending@example.com", Role: "member"})
	wantOK(t, err)
	refusals := []struct {
		name  string
		token string
		in    orgs.InviteInput
		code  domain.Code
	}{
		{"a member may not invite", tm.member, orgs.InviteInput{Email: "n@example.com", Role: "member"},
			group.CodeNotAllowedToInvite},
		{"an admin may not invite an owner", tm.admin, orgs.InviteInput{Email: "n@example.com", Role: "owner"},
			group.CodeNotAllowedToInviteWithRole},
		{"already a member", tm.owner, orgs.InviteInput{Email: "ADMIN@example.com", Role: "member"},
			group.CodeAlreadyMember},
		{"already invited", tm.owner, orgs.InviteInput{Email: "pending@example.com", Role: "member"},
			group.CodeAlreadyInvited},
		{"unknown role", tm.owner, orgs.InviteInput{Email: "n@example.com", Role: "boss"}, group.CodeRoleNotFound},
		{"invalid email", tm.owner, orgs.InviteInput{Email: "not an email", Role: "member"}, domain.CodeInvalidEmail},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Authed = w.authed(tc.token)
			wantRefused(t, w, func() error { _, err := w.orgs.Invite(ctx, tc.in); return err }, tc.code)
		})
	}
	_, err = w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(tm.owner), Email: "two@example.com", Role: "member"})
	wantOK(t, err)
	wantRefused(t, w, func() error {
		_, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(tm.owner), Email: "three@example.com", Role: "member"})
		return err
	}, group.CodeInvitationLimitReached)
	re, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(tm.owner), Email: "pending@example.com",
		Role: "member", Resend: true})
	if err != nil || re.Status != "pending" || re.Email != "pending@example.com" {
		t.Errorf("resend = %+v, %v", re, err)
	}
}

func TestAnswers(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{RequireEmailVerificationOnInvitation: true})
	defer w.Close()
	tm := newTeam(t, w)
	carol, dan := w.signUp("carol@example.com", true), w.signUp("dan@example.com", false)
	invite := func(addr string) string {
		inv, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(tm.admin), Email: addr, Role: "member"})
		wantOK(t, err)
		return inv.ID
	}
	toCarol, toDan := invite("carol@example.com"), invite("dan@example.com")
	wantRefused(t, w, func() error {
		_, err := w.orgs.Accept(ctx, orgs.AnswerInput{Authed: w.authed(dan), InvitationID: toCarol})
		return err
	}, group.CodeNotRecipient)
	wantRefused(t, w, func() error {
		_, err := w.orgs.Reject(ctx, orgs.AnswerInput{Authed: w.authed(dan), InvitationID: toDan})
		return err
	}, group.CodeEmailVerificationRequired)
	wantRefused(t, w, func() error {
		_, err := w.orgs.Cancel(ctx, orgs.AnswerInput{Authed: w.authed(tm.member), InvitationID: toDan})
		return err
	}, group.CodeNotAllowedToCancel)
	wantRefused(t, w, func() error {
		_, err := w.orgs.Accept(ctx, orgs.AnswerInput{Authed: w.authed(carol), InvitationID: "not-an-id"})
		return err
	}, group.CodeInvitationNotFound)

	d, err := w.orgs.GetInvitation(ctx, w.authed(carol), toCarol)
	if err != nil || d.OrganizationSlug != "team" || d.InviterEmail != "admin@example.com" {
		t.Errorf("get invitation = %+v, %v", d, err)
	}
	rej, err := w.orgs.Reject(ctx, orgs.AnswerInput{Authed: w.authed(carol), InvitationID: toCarol})
	if err != nil || rej.Status != "rejected" {
		t.Errorf("reject = %+v, %v", rej, err)
	}
	can, err := w.orgs.Cancel(ctx, orgs.AnswerInput{Authed: w.authed(tm.owner), InvitationID: toDan})
	if err != nil || can.Status != "canceled" {
		t.Errorf("cancel = %+v, %v", can, err)
	}
	pending, err := w.orgs.ListInvitations(ctx, w.authed(tm.member), "")
	if err != nil || len(pending) != 0 {
		t.Errorf("pending after answers = %+v, %v", pending, err)
	}
}

func TestAcceptAfterExpiryRecordsIt(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	erin := w.signUp("erin@example.com", true)
	inv, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(tm.owner), Email: "erin@example.com", Role: "member"})
	wantOK(t, err)
	mine, err := w.orgs.ListUserInvitations(ctx, w.authed(erin))
	if err != nil || len(mine) != 1 || mine[0].OrganizationName != "Team" {
		t.Fatalf("erin's invitations = %+v, %v", mine, err)
	}
	w.Clock.Advance(orgs.DefaultInvitationExpiresIn)
	wantRefused(t, w, func() error {
		_, err := w.orgs.Accept(ctx, orgs.AnswerInput{Authed: w.authed(erin), InvitationID: inv.ID})
		return err
	}, group.CodeInvitationExpired, group.TypeInvitationExpired)
	if _, err := w.orgs.GetInvitation(ctx, w.authed(erin), inv.ID); !errors.Is(err, group.ErrInvitationNotFound) {
		t.Errorf("get an expired invitation = %v, want INVITATION_NOT_FOUND", err)
	}
}

func TestListUserInvitationsNeedsAVerifiedEmail(t *testing.T) {
	w := newWorld(orgs.Config{})
	defer w.Close()
	frank := w.signUp("frank@example.com", false)
	_, err := w.orgs.ListUserInvitations(context.Background(), w.authed(frank))
	if !errors.Is(err, orgs.ErrInvitationEmailUnverified) {
		t.Errorf("list = %v, want EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION", err)
	}
}
