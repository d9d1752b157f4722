package group

import (
	"testing"

	"github.com/authledger/authledger/domain"
)

const reaction = "reaction:default-organization"

func TestDecideAdd(t *testing.T) {
	gone := append(team(), Deleted{GroupID: gid, Actor: alice, At: t0})
	run(t, []decideCase{
		{"adds a person with the role", team(), AddMember{MemberID: mErin, PersonID: dave, Role: "member", Actor: reaction, At: t0},
			[]domain.Event{MemberAdded{GroupID: gid, MemberID: mErin, PersonID: dave, Role: RoleMember, Actor: reaction, At: t0}}, nil},
		{"role is canonicalised", team(), AddMember{MemberID: mErin, PersonID: dave, Role: " admin , member,admin", Actor: reaction, At: t0},
			[]domain.Event{MemberAdded{GroupID: gid, MemberID: mErin, PersonID: dave, Role: "admin,member", Actor: reaction, At: t0}}, nil},
		{"a member already is refused (the caller treats it as done)", team(),
			AddMember{MemberID: mErin, PersonID: carol, Role: "member", Actor: reaction, At: t0}, nil, ErrAlreadyMember},
		{"owner is not granted this way", team(), AddMember{MemberID: mErin, PersonID: dave, Role: "owner", Actor: reaction, At: t0},
			nil, ErrRoleNotFound},
		{"unknown role", team(), AddMember{MemberID: mErin, PersonID: dave, Role: "boss", Actor: reaction, At: t0}, nil, ErrRoleNotFound},
		{"no organization", nil, AddMember{MemberID: mErin, PersonID: dave, Role: "member", Actor: reaction, At: t0},
			nil, ErrOrganizationNotFound},
		{"deleted organization", gone, AddMember{MemberID: mErin, PersonID: dave, Role: "member", Actor: reaction, At: t0},
			nil, ErrOrganizationNotFound},
		{"limit reached", team(), AddMember{MemberID: mErin, PersonID: dave, Role: "member", MembershipLimit: 3, Actor: reaction, At: t0},
			nil, ErrMembershipLimitReached},
		{"member id in use", team(), AddMember{MemberID: mBob, PersonID: dave, Role: "member", Actor: reaction, At: t0},
			nil, domain.Errorf(domain.CodeConflict, "")},
		{"actor required", team(), AddMember{MemberID: mErin, PersonID: dave, Role: "member", At: t0},
			nil, domain.Errorf(domain.CodeValidation, "")},
	})
}
