package orgs

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
)

// InviteInput invites an email into an organization.
type InviteInput struct {
	Caller         app.Caller
	Authed         sessions.Authed
	OrganizationID string // "": the session's active organization
	Email          string
	Role           string // comma-separated roles
	// Resend renews a pending invitation of the same email instead of
	// refusing with USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION.
	Resend bool
}

// Invite creates (or, with Resend, renews) an invitation (invitation:create
// permission; only an owner invites an owner). It returns the pending
// invitation.
func (s *Service) Invite(ctx context.Context, in InviteInput) (Invitation, error) {
	addr, err := email.Canonicalize(in.Email)
	if err != nil {
		return Invitation{}, err
	}
	id, err := s.target(ctx, in.Authed, Target{OrganizationID: in.OrganizationID})
	if err != nil {
		return Invitation{}, err
	}
	invitee, err := s.personByEmail(ctx, addr)
	if err != nil {
		return Invitation{}, err
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return Invitation{}, err
	}
	actor := in.Authed.User.ID
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: actor, groupID: id,
		build: func() group.Command {
			now := s.app.Now()
			return group.InviteMember{InvitationID: ids[0], Email: addr, EmailKey: s.app.InviteeKey(addr), Role: in.Role, InviteePersonID: invitee,
				Resend: in.Resend, ExpiresAt: now.Add(s.cfg.InvitationExpiresIn),
				InvitationLimit: s.cfg.InvitationLimit, Actor: actor, At: now}
		}})
	if err != nil {
		return Invitation{}, err
	}
	return invitationIn(id, out.State, out.Events)
}

// invitationIn returns the invitation an invite created or renewed.
func invitationIn(groupID string, st group.State, evs []domain.Event) (Invitation, error) {
	for _, ev := range evs {
		var invID string
		switch e := ev.(type) {
		case group.InvitationCreated:
			invID = e.InvitationID
		case group.InvitationResent:
			invID = e.InvitationID
		default:
			continue
		}
		inv, _ := st.Invitation(invID)
		return toInvitation(groupID, "pending", inv), nil
	}
	return Invitation{}, group.ErrInvitationNotFound
}

// AnswerInput names the invitation a call answers or cancels.
type AnswerInput struct {
	Caller       app.Caller
	Authed       sessions.Authed
	InvitationID string
}

// Accepted is an accepted invitation and the membership it created.
type Accepted struct {
	Invitation Invitation
	Member     Member
}

// Accept joins the invitee (the caller, whose email must be the
// invitation's, verified when the configuration says so); the group
// stream's expected version makes two concurrent accepts produce one
// member. The organization becomes the session's active one. An answer
// past the expiry records group.invitation_expired and returns
// INVITATION_EXPIRED.
func (s *Service) Accept(ctx context.Context, in AnswerInput) (Accepted, error) {
	gid, err := s.invitationGroup(ctx, in.InvitationID)
	if err != nil {
		return Accepted{}, err
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return Accepted{}, err
	}
	u := in.Authed.User
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: u.ID, groupID: gid,
		build: func() group.Command {
			return group.AcceptInvitation{InvitationID: in.InvitationID, MemberID: ids[0], Email: u.Email,
				EmailVerified: u.EmailVerified, RequireEmailVerification: s.cfg.RequireEmailVerificationOnInvitation,
				MembershipLimit: s.cfg.MembershipLimit, Actor: u.ID, At: s.app.Now()}
		},
		with: func(group.State, []domain.Event) ([]eventstore.Change, error) {
			ch, err := s.activeChange(ctx, in.Authed, gid)
			return []eventstore.Change{ch}, err
		}})
	if err != nil {
		return Accepted{}, s.recordExpiry(ctx, in.Caller, gid, in.InvitationID, err)
	}
	inv, _ := out.Before.Invitation(in.InvitationID)
	m, _ := out.State.Member(ids[0])
	return Accepted{Invitation: toInvitation(gid, "accepted", inv), Member: toMember(gid, m)}, nil
}
