package group

import "github.com/authledger/authledger/domain"

// Evolve folds one event into the state and returns the new state; s
// itself is never changed.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Created:
		s = State{ID: e.GroupID, Status: StatusActive, Name: e.Name, Slug: e.Slug, Logo: e.Logo,
			Metadata: e.Metadata, CreatedAt: e.At, UpdatedAt: e.At}
	case Updated:
		s = evolveUpdated(s, e)
	case Deleted:
		s.Status, s.UpdatedAt = StatusDeleted, e.At
	case MemberAdded:
		s = s.putMember(Member{ID: e.MemberID, PersonID: e.PersonID, Role: e.Role, InvitationID: e.InvitationID,
			JoinedAt: e.At, UpdatedAt: e.At})
	case MemberRoleChanged:
		if m, ok := s.member(e.MemberID); ok {
			m.Role, m.UpdatedAt = e.Role, e.At
			s = s.putMember(m)
		}
	case MemberRemoved:
		s = s.dropMember(e.MemberID)
	case MemberLeft:
		s = s.dropMember(e.MemberID)
	default:
		s = evolveInvitation(s, ev)
	}
	return s
}

// evolveInvitation folds the invitation events.
func evolveInvitation(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case InvitationCreated:
		s = s.putInvitation(Invitation{ID: e.InvitationID, Email: e.Email, EmailErased: e.EmailKey != "" && e.Email == "",
			EmailKey: e.EmailKey, Role: e.Role, InviterID: e.Actor,
			ExpiresAt: e.ExpiresAt, CreatedAt: e.At})
	case InvitationResent:
		if inv, ok := s.invitations.Get(e.InvitationID); ok {
			inv.ExpiresAt = e.ExpiresAt
			s = s.putInvitation(inv)
		}
	case InvitationAccepted:
		s = s.dropInvitation(e.InvitationID)
	case InvitationRejected:
		s = s.dropInvitation(e.InvitationID)
	case InvitationCanceled:
		s = s.dropInvitation(e.InvitationID)
	case InvitationExpired:
		s = s.dropInvitation(e.InvitationID)
	}
	return s
}

func evolveUpdated(s State, e Updated) State {
	if e.SetName {
		s.Name = e.Name
	}
	if e.SetSlug {
		s.Slug = e.Slug
	}
	if e.SetLogo {
		s.Logo = e.Logo
	}
	if e.SetMetadata {
		s.Metadata = e.Metadata
	}
	s.UpdatedAt = e.At
	return s
}
