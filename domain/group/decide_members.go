package group

import "github.com/authledger/authledger/domain"

// decideRemove removes another member. Only an owner may remove an owner,
// and never the last one.
func decideRemove(s State, c RemoveMember) ([]domain.Event, error) {
	perms := map[string][]string{ResourceMember: {ActionDelete}}
	actor, err := authorize(s, c.Actor, perms, ErrMemberNotFound, ErrNotAllowedToDeleteMember)
	if err != nil {
		return nil, err
	}
	target, ok := findMember(s, c.MemberID, c.PersonID)
	if !ok {
		return nil, ErrMemberNotFound
	}
	if IsOwner(target.Role) {
		if !IsOwner(actor.Role) {
			return nil, ErrNotAllowedToDeleteMember
		}
		if s.Owners() <= 1 {
			return nil, ErrOnlyOwnerCannotLeave
		}
	}
	return []domain.Event{MemberRemoved{GroupID: s.ID, MemberID: target.ID, PersonID: target.PersonID,
		Role: target.Role, Actor: c.Actor, Reason: c.Reason, At: c.At}}, nil
}

// findMember finds a member by member id or, when that is empty, by
// person id.
func findMember(s State, memberID, personID string) (Member, bool) {
	if memberID != "" {
		m, ok := s.Member(memberID)
		return m, ok
	}
	return s.MemberOf(personID)
}

// decideRole changes a member's role. Only owners grant owner or touch an
// owner's role; the last owner keeps owner. Setting the current role is a
// no-op.
func decideRole(s State, c UpdateMemberRole) ([]domain.Event, error) {
	perms := map[string][]string{ResourceMember: {ActionUpdate}}
	actor, err := authorize(s, c.Actor, perms, ErrMemberNotFound, ErrNotAllowedToUpdateMember)
	if err != nil {
		return nil, err
	}
	role, err := ParseRole(c.Role)
	if err != nil {
		return nil, err
	}
	target, ok := s.Member(c.MemberID)
	if !ok {
		return nil, ErrMemberNotFound
	}
	if (IsOwner(target.Role) || IsOwner(role)) && !IsOwner(actor.Role) {
		return nil, ErrNotAllowedToUpdateMember
	}
	if IsOwner(target.Role) && !IsOwner(role) && s.Owners() <= 1 {
		return nil, ErrWithoutOwner
	}
	if role == target.Role {
		return nil, nil
	}
	return []domain.Event{MemberRoleChanged{GroupID: s.ID, MemberID: target.ID, PersonID: target.PersonID,
		Role: role, PreviousRole: target.Role, Actor: c.Actor, Reason: c.Reason, At: c.At}}, nil
}

// decideLeave lets any member leave, except the last owner.
func decideLeave(s State, c Leave) ([]domain.Event, error) {
	m, err := authorize(s, c.Actor, nil, ErrMemberNotFound, nil)
	if err != nil {
		return nil, err
	}
	if IsOwner(m.Role) && s.Owners() <= 1 {
		return nil, ErrOnlyOwnerCannotLeave
	}
	return []domain.Event{MemberLeft{GroupID: s.ID, MemberID: m.ID, PersonID: m.PersonID, Role: m.Role,
		Actor: c.Actor, Reason: c.Reason, At: c.At}}, nil
}
