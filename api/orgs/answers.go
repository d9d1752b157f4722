package orgs

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/ontology"
)

// Reject declines an invitation (with Accept's recipient checks) and
// returns it.
func (s *Service) Reject(ctx context.Context, in AnswerInput) (Invitation, error) {
	gid, err := s.invitationGroup(ctx, in.InvitationID)
	if err != nil {
		return Invitation{}, err
	}
	u := in.Authed.User
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: u.ID, groupID: gid,
		build: func() group.Command {
			return group.RejectInvitation{InvitationID: in.InvitationID, Email: u.Email, EmailVerified: u.EmailVerified,
				RequireEmailVerification: s.cfg.RequireEmailVerificationOnInvitation, Actor: u.ID, At: s.app.Now()}
		}})
	if err != nil {
		return Invitation{}, err
	}
	inv, _ := out.Before.Invitation(in.InvitationID)
	return toInvitation(gid, "rejected", inv), nil
}

// Cancel withdraws an invitation (invitation:cancel permission) and
// returns it.
func (s *Service) Cancel(ctx context.Context, in AnswerInput) (Invitation, error) {
	gid, err := s.invitationGroup(ctx, in.InvitationID)
	if err != nil {
		return Invitation{}, err
	}
	actor := in.Authed.User.ID
	out, err := s.handle(ctx, orgCommand{caller: in.Caller, actor: actor, groupID: gid,
		build: func() group.Command {
			return group.CancelInvitation{InvitationID: in.InvitationID, Actor: actor, At: s.app.Now()}
		}})
	if err != nil {
		return Invitation{}, err
	}
	inv, _ := out.Before.Invitation(in.InvitationID)
	return toInvitation(gid, "canceled", inv), nil
}

// invitationGroup finds the organization of an invitation through its
// things row (owner = organization); the decision itself reads the stream.
func (s *Service) invitationGroup(ctx context.Context, invitationID string) (string, error) {
	if !domain.ValidID(invitationID) {
		return "", group.ErrInvitationNotFound
	}
	if err := s.app.Projected(ctx); err != nil {
		return "", err
	}
	t, err := s.app.Read.GetThing(ctx, invitationID)
	if errors.Is(err, ontology.ErrNotFound) || err == nil && t.Kind != "invitation" {
		return "", group.ErrInvitationNotFound
	}
	return t.OwnerID, err
}

// recordExpiry appends group.invitation_expired (a system event, no actor)
// when an answer found the invitation past its expiry, so the things row
// stops saying "pending"; it returns err, the answer's own error, either
// way.
func (s *Service) recordExpiry(ctx context.Context, caller app.Caller, gid, invID string, err error) error {
	if !errors.Is(err, group.ErrInvitationExpired) {
		return err
	}
	_, xerr := s.handle(ctx, orgCommand{caller: caller, groupID: gid,
		build: func() group.Command { return group.ExpireInvitation{InvitationID: invID, At: s.app.Now()} }})
	if xerr != nil {
		s.app.Logger.Warn("could not record invitation expiry", "invitation", invID, "err", xerr)
	}
	return err
}
