package group

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/authledger/authledger/domain"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// People: alice owns the organization, bob is an admin, carol a member;
// dave belongs to another organization only; erin is being invited.
const (
	gid   = "G0000000000000000000000000000001"
	alice = "PA000000000000000000000000000001"
	bob   = "PB000000000000000000000000000001"
	carol = "PC000000000000000000000000000001"
	dave  = "PD000000000000000000000000000001"
	erin  = "PE000000000000000000000000000001"

	mAlice = "MA000000000000000000000000000001"
	mBob   = "MB000000000000000000000000000001"
	mCarol = "MC000000000000000000000000000001"
	mErin  = "ME000000000000000000000000000001"

	inv1 = "I1000000000000000000000000000001"
	inv2 = "I2000000000000000000000000000001"

	erinEmail = "erin@example.com"
)

var expiry = t0.Add(48 * time.Hour)

func created() Created {
	return Created{GroupID: gid, Name: "Acme", Slug: "acme", Actor: alice, At: t0}
}

func added(member, person, role string) MemberAdded {
	return MemberAdded{GroupID: gid, MemberID: member, PersonID: person, Role: role, Actor: alice, At: t0}
}

// org is a new organization owned by alice.
func org() []domain.Event { return []domain.Event{created(), added(mAlice, alice, RoleOwner)} }

// team adds bob (admin) and carol (member) to org.
func team() []domain.Event {
	return append(org(), added(mBob, bob, RoleAdmin), added(mCarol, carol, RoleMember))
}

func invited(id, email, role string) InvitationCreated {
	return InvitationCreated{GroupID: gid, InvitationID: id, Email: email, Role: role, ExpiresAt: expiry,
		Actor: alice, At: t0}
}

// withInvite is team with erin invited as a member.
func withInvite() []domain.Event { return append(team(), invited(inv1, erinEmail, RoleMember)) }

func ptr(s string) *string { return &s }

type decideCase struct {
	name    string
	given   []domain.Event
	when    Command
	then    []domain.Event
	wantErr error
}

// run folds given, decides when, and compares events and error (by code).
func run(t *testing.T, tests []decideCase) {
	t.Helper()
	d := NewDecider()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Decide(d.Fold(tt.given), tt.when)
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(got, tt.then); diff != "" {
				t.Errorf("events (-got +want):\n%s", diff)
			}
		})
	}
}

var errValidation = domain.Errorf(domain.CodeValidation, "")

func TestDecideOrganization(t *testing.T) {
	create := CreateOrganization{GroupID: gid, MemberID: mAlice, Name: "Acme", Slug: "acme", Actor: alice,
		Reason: "new team", At: t0}
	withMeta := create
	withMeta.Logo, withMeta.Metadata = "https://example.com/l.png", `{"plan":"pro"}`
	run(t, []decideCase{
		{"create: creator becomes owner", nil, create, []domain.Event{
			Created{GroupID: gid, Name: "Acme", Slug: "acme", Actor: alice, Reason: "new team", At: t0},
			MemberAdded{GroupID: gid, MemberID: mAlice, PersonID: alice, Role: RoleOwner, Actor: alice,
				Reason: "new team", At: t0}}, nil},
		{"create with logo and metadata", nil, withMeta, []domain.Event{
			Created{GroupID: gid, Name: "Acme", Slug: "acme", Logo: withMeta.Logo, Metadata: withMeta.Metadata,
				Actor: alice, Reason: "new team", At: t0},
			MemberAdded{GroupID: gid, MemberID: mAlice, PersonID: alice, Role: RoleOwner, Actor: alice,
				Reason: "new team", At: t0}}, nil},
		{"create twice", org(), create, nil, ErrOrganizationAlreadyExists},
		{"create after delete", append(org(), Deleted{GroupID: gid, At: t0}), create, nil, ErrOrganizationAlreadyExists},
		{"create without name", nil, CreateOrganization{GroupID: gid, MemberID: mAlice, Name: " ", Slug: "acme",
			Actor: alice, At: t0}, nil, errValidation},
		{"create without slug", nil, CreateOrganization{GroupID: gid, MemberID: mAlice, Name: "Acme",
			Actor: alice, At: t0}, nil, errValidation},
		{"create with bad id", nil, CreateOrganization{GroupID: "g1", MemberID: mAlice, Name: "Acme", Slug: "acme",
			Actor: alice, At: t0}, nil, errValidation},
		{"create without creator", nil, CreateOrganization{GroupID: gid, MemberID: mAlice, Name: "Acme",
			Slug: "acme", At: t0}, nil, errValidation},
		{"create with array metadata", nil, CreateOrganization{GroupID: gid, MemberID: mAlice, Name: "Acme",
			Slug: "acme", Metadata: `[1]`, Actor: alice, At: t0}, nil, errValidation},

		{"owner updates name and slug", team(), UpdateOrganization{Name: ptr("Acme Inc"), Slug: ptr("acme-inc"),
			Actor: alice, Reason: "rebrand", At: t0}, []domain.Event{Updated{GroupID: gid, SetName: true,
			Name: "Acme Inc", SetSlug: true, Slug: "acme-inc", PreviousSlug: "acme", Actor: alice, Reason: "rebrand",
			At: t0}}, nil},
		{"admin updates logo and metadata", team(), UpdateOrganization{Logo: ptr("l.png"), Metadata: ptr(`{"a":1}`),
			Actor: bob, At: t0}, []domain.Event{Updated{GroupID: gid, SetLogo: true, Logo: "l.png",
			SetMetadata: true, Metadata: `{"a":1}`, Actor: bob, At: t0}}, nil},
		{"update to the same values is a no-op", team(), UpdateOrganization{Name: ptr("Acme"), Slug: ptr("acme"),
			Actor: alice, At: t0}, nil, nil},
		{"member cannot update", team(), UpdateOrganization{Name: ptr("X"), Actor: carol, At: t0},
			nil, ErrNotAllowedToUpdateOrg},
		{"owner of another organization cannot update this one", team(), UpdateOrganization{Name: ptr("X"),
			Actor: dave, At: t0}, nil, ErrUserNotMember},
		{"update to a blank name", team(), UpdateOrganization{Name: ptr(""), Actor: alice, At: t0}, nil, errValidation},
		{"update to invalid metadata", team(), UpdateOrganization{Metadata: ptr(`{"a":`), Actor: alice, At: t0},
			nil, errValidation},
		{"update unknown organization", nil, UpdateOrganization{Name: ptr("X"), Actor: alice, At: t0},
			nil, ErrOrganizationNotFound},

		{"owner deletes", team(), DeleteOrganization{Actor: alice, Reason: "closing", At: t0},
			[]domain.Event{Deleted{GroupID: gid, Slug: "acme", Actor: alice, Reason: "closing", At: t0}}, nil},
		{"admin cannot delete", team(), DeleteOrganization{Actor: bob, At: t0}, nil, ErrNotAllowedToDeleteOrg},
		{"member cannot delete", team(), DeleteOrganization{Actor: carol, At: t0}, nil, ErrNotAllowedToDeleteOrg},
		{"outsider cannot delete", team(), DeleteOrganization{Actor: dave, At: t0}, nil, ErrUserNotMember},
	})
}

// TestDeletedRefusesEverything runs every command but create against a
// deleted organization, as its owner.
func TestDeletedRefusesEverything(t *testing.T) {
	given := append(withInvite(), Deleted{GroupID: gid, Slug: "acme", Actor: alice, At: t0})
	at := t0.Add(time.Hour)
	cmds := []Command{
		UpdateOrganization{Name: ptr("X"), Actor: alice, At: at},
		DeleteOrganization{Actor: alice, At: at},
		InviteMember{InvitationID: inv2, Email: "x@example.com", Role: RoleMember, ExpiresAt: expiry, Actor: alice, At: at},
		AcceptInvitation{InvitationID: inv1, MemberID: mErin, Email: erinEmail, Actor: erin, At: at},
		RejectInvitation{InvitationID: inv1, Email: erinEmail, Actor: erin, At: at},
		CancelInvitation{InvitationID: inv1, Actor: alice, At: at},
		ExpireInvitation{InvitationID: inv1, At: expiry},
		RemoveMember{MemberID: mCarol, Actor: alice, At: at},
		UpdateMemberRole{MemberID: mCarol, Role: RoleAdmin, Actor: alice, At: at},
		Leave{Actor: carol, At: at},
	}
	var tests []decideCase
	for _, c := range cmds {
		tests = append(tests, decideCase{name: typeName(c), given: given, when: c, wantErr: ErrOrganizationNotFound})
	}
	run(t, tests)
}

func typeName(c Command) string {
	switch c.(type) {
	case UpdateOrganization:
		return "update"
	case DeleteOrganization:
		return "delete"
	case InviteMember:
		return "invite"
	case AcceptInvitation:
		return "accept"
	case RejectInvitation:
		return "reject"
	case CancelInvitation:
		return "cancel"
	case ExpireInvitation:
		return "expire"
	case RemoveMember:
		return "remove"
	case UpdateMemberRole:
		return "role"
	case Leave:
		return "leave"
	}
	return "other"
}

type unknownCommand struct{}

func (unknownCommand) isGroupCommand() {}

func TestDecideUnknownCommand(t *testing.T) {
	_, err := Decide(State{}, unknownCommand{})
	if got := domain.CodeOf(err); got != domain.CodeInternal {
		t.Errorf("code = %s, want %s", got, domain.CodeInternal)
	}
}
