package orgs

import (
	"context"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/ontology"
)

// InvitationDetail is a pending invitation as its recipient sees it.
type InvitationDetail struct {
	Invitation
	OrganizationName string
	OrganizationSlug string
	InviterEmail     string
}

// GetInvitation shows a pending, unexpired invitation to its recipient
// only.
func (s *Service) GetInvitation(ctx context.Context, a sessions.Authed, invitationID string) (InvitationDetail, error) {
	gid, err := s.invitationGroup(ctx, invitationID)
	if err != nil {
		return InvitationDetail{}, err
	}
	st, _, err := s.activeGroup(ctx, gid)
	if err != nil {
		return InvitationDetail{}, err
	}
	inv, ok := st.Invitation(invitationID)
	switch {
	case !ok:
		return InvitationDetail{}, group.ErrInvitationNotFound
	case inv.ExpiredAt(s.app.Now()):
		return InvitationDetail{}, group.ErrInvitationExpired
	case inv.Email != a.User.Email:
		return InvitationDetail{}, group.ErrNotRecipient
	}
	inviter, _ := s.sessions.User(inv.InviterID)
	return InvitationDetail{Invitation: toInvitation(gid, "pending", inv), OrganizationName: st.Name,
		OrganizationSlug: st.Slug, InviterEmail: inviter.Email}, nil
}

// ListInvitations lists an organization's pending invitations to one of
// its members.
func (s *Service) ListInvitations(ctx context.Context, a sessions.Authed, organizationID string) ([]Invitation, error) {
	st, _, err := s.callerIn(ctx, a, Target{OrganizationID: organizationID}, group.ErrNotAMemberOfThisGroup)
	if err != nil {
		return nil, err
	}
	return pending(st), nil
}

// UserInvitation is a pending invitation of the caller's email.
type UserInvitation struct {
	Invitation
	OrganizationName string
}

// ListUserInvitations lists the pending, unexpired invitations of the
// caller's verified email. The read store names the organizations with
// pending invitations (things carry no email); each organization's
// stream, sealed with its key, says which are for this email.
func (s *Service) ListUserInvitations(ctx context.Context, a sessions.Authed) ([]UserInvitation, error) {
	if !a.User.EmailVerified {
		return nil, ErrInvitationEmailUnverified
	}
	if err := s.app.Projected(ctx); err != nil {
		return nil, err
	}
	out := []UserInvitation{}
	seen := map[string]bool{}
	q := ontology.Query{Where: map[string]string{"kind": "invitation", "status": "pending"}, Limit: ontology.MaxLimit}
	now := s.app.Now()
	for {
		page, err := s.app.Read.ListThings(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, t := range page.Items {
			if seen[t.OwnerID] {
				continue
			}
			seen[t.OwnerID] = true
			if st, _, err := s.activeGroup(ctx, t.OwnerID); err == nil {
				if inv, ok := st.PendingFor(a.User.Email); ok && !inv.ExpiredAt(now) {
					out = append(out, UserInvitation{toInvitation(st.ID, "pending", inv), st.Name})
				}
			}
		}
		if page.Next == "" {
			return out, nil
		}
		q.Cursor = page.Next
	}
}
