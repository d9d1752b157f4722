package group

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// AddMember adds PersonID with Role (comma-separated roles; owner is
// refused) without an invitation: a server-side addition, such as the
// default organization a reaction joins new people to. Actor names who
// adds (a reaction's name, an operator); the caller authorises it, the
// decider checks only the organization and the membership. MemberID is the
// new membership's id; MembershipLimit caps the members (0:
// DefaultMembershipLimit).
type AddMember struct {
	MemberID        string
	PersonID        string
	Role            string
	MembershipLimit int
	Actor           string
	Reason          string
	At              time.Time
}

func (AddMember) isGroupCommand() {}

// decideAdd adds a person who is not a member yet: an existing member
// gets ErrAlreadyMember (a caller repeating itself treats it as done).
func decideAdd(s State, c AddMember) ([]domain.Event, error) {
	if !s.Active() {
		return nil, ErrOrganizationNotFound
	}
	role, err := ParseRole(c.Role)
	if err != nil {
		return nil, err
	}
	if IsOwner(role) {
		return nil, ErrRoleNotFound
	}
	if _, ok := s.MemberOf(c.PersonID); ok {
		return nil, ErrAlreadyMember
	}
	if !domain.ValidID(c.MemberID) || !domain.ValidID(c.PersonID) || c.Actor == "" {
		return nil, domain.Errorf(domain.CodeValidation, "member id, person id and actor are required")
	}
	if s.MemberCount() >= orDefault(c.MembershipLimit, DefaultMembershipLimit) {
		return nil, ErrMembershipLimitReached
	}
	if _, taken := s.Member(c.MemberID); taken {
		return nil, domain.Errorf(domain.CodeConflict, "member id already in use")
	}
	return []domain.Event{MemberAdded{GroupID: s.ID, MemberID: c.MemberID, PersonID: c.PersonID, Role: role,
		Actor: c.Actor, Reason: c.Reason, At: c.At}}, nil
}
