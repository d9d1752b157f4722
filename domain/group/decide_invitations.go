package group

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// decideInvite creates an invitation, or renews a pending one on resend.
// A pending invitation of the same email that has already expired is
// expired first, so one email has at most one pending invitation.
func decideInvite(s State, c InviteMember) ([]domain.Event, error) {
	perms := map[string][]string{ResourceInvitation: {ActionCreate}}
	actor, err := authorize(s, c.Actor, perms, ErrMemberNotFound, ErrNotAllowedToInvite)
	if err != nil {
		return nil, err
	}
	if !domain.ValidID(c.InvitationID) || c.Email == "" || !c.ExpiresAt.After(c.At) {
		return nil, domain.Errorf(domain.CodeValidation, "invitation id, email and a future expiry are required")
	}
	role, err := ParseRole(c.Role)
	if err != nil {
		return nil, err
	}
	if IsOwner(role) && !IsOwner(actor.Role) {
		return nil, ErrNotAllowedToInviteWithRole
	}
	if _, ok := s.MemberOf(c.InviteePersonID); ok {
		return nil, ErrAlreadyMember
	}
	var evs []domain.Event
	if inv, ok := s.PendingFor(c.Email); ok {
		if !inv.ExpiredAt(c.At) {
			return resend(s, inv, c)
		}
		evs = append(evs, InvitationExpired{GroupID: s.ID, InvitationID: inv.ID, ExpiresAt: inv.ExpiresAt,
			Actor: c.Actor, Reason: c.Reason, At: c.At})
	}
	if s.PendingCount(c.At) >= orDefault(c.InvitationLimit, DefaultInvitationLimit) {
		return nil, ErrInvitationLimitReached
	}
	if _, taken := s.Invitation(c.InvitationID); taken {
		return nil, domain.Errorf(domain.CodeConflict, "invitation id already in use")
	}
	return append(evs, InvitationCreated{GroupID: s.ID, InvitationID: c.InvitationID, Email: c.Email, EmailKey: c.EmailKey, Role: role,
		ExpiresAt: c.ExpiresAt, Actor: c.Actor, Reason: c.Reason, At: c.At}), nil
}

// resend renews a live pending invitation when the caller asked for it.
func resend(s State, inv Invitation, c InviteMember) ([]domain.Event, error) {
	if !c.Resend {
		return nil, ErrAlreadyInvited
	}
	return []domain.Event{InvitationResent{GroupID: s.ID, InvitationID: inv.ID, ExpiresAt: c.ExpiresAt,
		Actor: c.Actor, Reason: c.Reason, At: c.At}}, nil
}

func decideAccept(s State, c AcceptInvitation) ([]domain.Event, error) {
	inv, err := recipient(s, c.InvitationID, c.Email, c.EmailVerified, c.RequireEmailVerification, c.At)
	if err != nil {
		return nil, err
	}
	if _, ok := s.MemberOf(c.Actor); ok {
		return nil, ErrAlreadyMember
	}
	if !domain.ValidID(c.MemberID) || !domain.ValidID(c.Actor) {
		return nil, domain.Errorf(domain.CodeValidation, "member and person ids are required")
	}
	if s.MemberCount() >= orDefault(c.MembershipLimit, DefaultMembershipLimit) {
		return nil, ErrMembershipLimitReached
	}
	if _, taken := s.Member(c.MemberID); taken {
		return nil, domain.Errorf(domain.CodeConflict, "member id already in use")
	}
	return []domain.Event{
		InvitationAccepted{GroupID: s.ID, InvitationID: inv.ID, MemberID: c.MemberID, Role: inv.Role,
			Actor: c.Actor, Reason: c.Reason, At: c.At},
		MemberAdded{GroupID: s.ID, MemberID: c.MemberID, PersonID: c.Actor, Role: inv.Role, InvitationID: inv.ID,
			Actor: c.Actor, Reason: c.Reason, At: c.At},
	}, nil
}

func decideReject(s State, c RejectInvitation) ([]domain.Event, error) {
	inv, err := recipient(s, c.InvitationID, c.Email, c.EmailVerified, c.RequireEmailVerification, c.At)
	if err != nil {
		return nil, err
	}
	return []domain.Event{InvitationRejected{GroupID: s.ID, InvitationID: inv.ID, Actor: c.Actor,
		Reason: c.Reason, At: c.At}}, nil
}

// recipient returns the pending, unexpired invitation id when email (the
// actor's canonical email) is the one it was sent to and, if required,
// verified. An answered invitation is no longer pending: not found.
func recipient(s State, id, email string, verified, requireVerified bool, now time.Time) (Invitation, error) {
	if !s.Active() {
		return Invitation{}, ErrOrganizationNotFound
	}
	inv, ok := s.Invitation(id)
	switch {
	case !ok:
		return Invitation{}, ErrInvitationNotFound
	case inv.ExpiredAt(now):
		return Invitation{}, ErrInvitationExpired
	case email == "" || email != inv.Email:
		return Invitation{}, ErrNotRecipient
	case requireVerified && !verified:
		return Invitation{}, ErrEmailVerificationRequired
	}
	return inv, nil
}

func decideCancel(s State, c CancelInvitation) ([]domain.Event, error) {
	perms := map[string][]string{ResourceInvitation: {ActionCancel}}
	if _, err := authorize(s, c.Actor, perms, ErrMemberNotFound, ErrNotAllowedToCancel); err != nil {
		return nil, err
	}
	if _, ok := s.Invitation(c.InvitationID); !ok {
		return nil, ErrInvitationNotFound
	}
	return []domain.Event{InvitationCanceled{GroupID: s.ID, InvitationID: c.InvitationID, Actor: c.Actor,
		Reason: c.Reason, At: c.At}}, nil
}

// decideExpire is the sweep: a no-op unless the invitation is pending and
// past its expiry.
func decideExpire(s State, c ExpireInvitation) ([]domain.Event, error) {
	if !s.Active() {
		return nil, ErrOrganizationNotFound
	}
	inv, ok := s.Invitation(c.InvitationID)
	if !ok || !inv.ExpiredAt(c.At) {
		return nil, nil
	}
	return []domain.Event{InvitationExpired{GroupID: s.ID, InvitationID: inv.ID, ExpiresAt: inv.ExpiresAt,
		Actor: c.Actor, Reason: c.Reason, At: c.At}}, nil
}

func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}
