package group

import (
	"testing"

	"github.com/authledger/authledger/domain"
)

const (
	frank  = "PF000000000000000000000000000001"
	mFrank = "MF000000000000000000000000000001"
)

// twoOwners is team with frank as a second owner.
func twoOwners() []domain.Event { return append(team(), added(mFrank, frank, RoleOwner)) }

func removed(member, person, role, actor string) []domain.Event {
	return []domain.Event{MemberRemoved{GroupID: gid, MemberID: member, PersonID: person, Role: role,
		Actor: actor, At: t0}}
}

func TestDecideRemove(t *testing.T) {
	run(t, []decideCase{
		{"admin removes a member by id", team(), RemoveMember{MemberID: mCarol, Actor: bob, At: t0},
			removed(mCarol, carol, RoleMember, bob), nil},
		{"owner removes a member by person (email resolved by the caller)", team(),
			RemoveMember{PersonID: carol, Actor: alice, At: t0}, removed(mCarol, carol, RoleMember, alice), nil},
		{"reason is recorded", team(), RemoveMember{MemberID: mCarol, Actor: bob, Reason: "left the company", At: t0},
			[]domain.Event{MemberRemoved{GroupID: gid, MemberID: mCarol, PersonID: carol, Role: RoleMember,
				Actor: bob, Reason: "left the company", At: t0}}, nil},
		{"member cannot remove", team(), RemoveMember{MemberID: mBob, Actor: carol, At: t0},
			nil, ErrNotAllowedToDeleteMember},
		{"outsider cannot remove", team(), RemoveMember{MemberID: mCarol, Actor: dave, At: t0}, nil, ErrMemberNotFound},
		{"unknown member", team(), RemoveMember{MemberID: mErin, Actor: alice, At: t0}, nil, ErrMemberNotFound},
		{"unknown person", team(), RemoveMember{PersonID: dave, Actor: alice, At: t0}, nil, ErrMemberNotFound},
		{"nobody named", team(), RemoveMember{Actor: alice, At: t0}, nil, ErrMemberNotFound},
		{"admin cannot remove an owner", twoOwners(), RemoveMember{MemberID: mFrank, Actor: bob, At: t0},
			nil, ErrNotAllowedToDeleteMember},
		{"owner removes another owner", twoOwners(), RemoveMember{MemberID: mFrank, Actor: alice, At: t0},
			removed(mFrank, frank, RoleOwner, alice), nil},
		{"the last owner cannot be removed", team(), RemoveMember{MemberID: mAlice, Actor: alice, At: t0},
			nil, ErrOnlyOwnerCannotLeave},
		{"a removed member is gone", append(team(), removed(mCarol, carol, RoleMember, bob)...),
			RemoveMember{MemberID: mCarol, Actor: bob, At: t0}, nil, ErrMemberNotFound},
	})
}

func role(member, newRole, actor string) UpdateMemberRole {
	return UpdateMemberRole{MemberID: member, Role: newRole, Actor: actor, At: t0}
}

func roleChanged(member, person, newRole, previous, actor string) []domain.Event {
	return []domain.Event{MemberRoleChanged{GroupID: gid, MemberID: member, PersonID: person, Role: newRole,
		PreviousRole: previous, Actor: actor, At: t0}}
}

func TestDecideRole(t *testing.T) {
	run(t, []decideCase{
		{"owner promotes a member to admin", team(), role(mCarol, RoleAdmin, alice),
			roleChanged(mCarol, carol, RoleAdmin, RoleMember, alice), nil},
		{"admin demotes an admin", team(), role(mBob, RoleMember, bob),
			roleChanged(mBob, bob, RoleMember, RoleAdmin, bob), nil},
		{"owner grants owner", team(), role(mBob, RoleOwner, alice),
			roleChanged(mBob, bob, RoleOwner, RoleAdmin, alice), nil},
		{"owner demotes another owner", twoOwners(), role(mFrank, RoleAdmin, alice),
			roleChanged(mFrank, frank, RoleAdmin, RoleOwner, alice), nil},
		{"an owner demotes themself when another owner remains", twoOwners(), role(mAlice, RoleMember, alice),
			roleChanged(mAlice, alice, RoleMember, RoleOwner, alice), nil},
		{"unchanged role is a no-op", team(), role(mCarol, RoleMember, alice), nil, nil},
		{"the last owner cannot be demoted", team(), role(mAlice, RoleAdmin, alice), nil, ErrWithoutOwner},
		{"the last owner keeps owner among other roles", team(), role(mAlice, "owner,admin", alice),
			roleChanged(mAlice, alice, "owner,admin", RoleOwner, alice), nil},
		{"admin cannot grant owner", team(), role(mCarol, RoleOwner, bob), nil, ErrNotAllowedToUpdateMember},
		{"admin cannot grant owner to themself", team(), role(mBob, "admin,owner", bob), nil, ErrNotAllowedToUpdateMember},
		{"admin cannot change an owner's role", twoOwners(), role(mFrank, RoleMember, bob),
			nil, ErrNotAllowedToUpdateMember},
		{"member cannot change roles", team(), role(mCarol, RoleAdmin, carol), nil, ErrNotAllowedToUpdateMember},
		{"member cannot change another's role", team(), role(mBob, RoleMember, carol), nil, ErrNotAllowedToUpdateMember},
		{"outsider cannot change roles", team(), role(mCarol, RoleAdmin, dave), nil, ErrMemberNotFound},
		{"unknown member", team(), role(mErin, RoleAdmin, alice), nil, ErrMemberNotFound},
		{"unknown role", team(), role(mCarol, "root", alice), nil, ErrRoleNotFound},
	})
}

func left(member, person, role string) []domain.Event {
	return []domain.Event{MemberLeft{GroupID: gid, MemberID: member, PersonID: person, Role: role, Actor: person,
		At: t0}}
}

func TestDecideLeave(t *testing.T) {
	run(t, []decideCase{
		{"member leaves", team(), Leave{Actor: carol, At: t0}, left(mCarol, carol, RoleMember), nil},
		{"admin leaves", team(), Leave{Actor: bob, At: t0}, left(mBob, bob, RoleAdmin), nil},
		{"an owner leaves when another owner remains", twoOwners(), Leave{Actor: alice, At: t0},
			left(mAlice, alice, RoleOwner), nil},
		{"the only owner cannot leave", team(), Leave{Actor: alice, At: t0}, nil, ErrOnlyOwnerCannotLeave},
		{"outsider cannot leave", team(), Leave{Actor: dave, At: t0}, nil, ErrMemberNotFound},
		{"leaving twice", append(team(), left(mCarol, carol, RoleMember)...), Leave{Actor: carol, At: t0},
			nil, ErrMemberNotFound},
	})
}
