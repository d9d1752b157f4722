package group_test

import (
	"fmt"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
)

// Example: alice creates an organization, invites bob, bob accepts; bob,
// a member, may not invite anyone.
func Example() {
	const (
		org, alice, bob        = "G0000000000000000000000000000001", "PA000000000000000000000000000001", "PB000000000000000000000000000001"
		aliceM, bobM, invite   = "MA000000000000000000000000000001", "MB000000000000000000000000000001", "I0000000000000000000000000000001"
		bobEmail, invitedEmail = "bob@example.com", "carol@example.com"
	)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	d := group.NewDecider()
	var log []domain.Event
	step := func(c group.Command) error {
		evs, err := d.Decide(d.Fold(log), c)
		log = append(log, evs...)
		return err
	}

	_ = step(group.CreateOrganization{GroupID: org, MemberID: aliceM, Name: "Acme", Slug: "acme", Actor: alice, At: now})
	_ = step(group.InviteMember{InvitationID: invite, Email: bobEmail, Role: group.RoleMember,
		ExpiresAt: now.Add(48 * time.Hour), Actor: alice, At: now})
	_ = step(group.AcceptInvitation{InvitationID: invite, MemberID: bobM, Email: bobEmail, Actor: bob, At: now})
	err := step(group.InviteMember{InvitationID: invite, Email: invitedEmail, Role: group.RoleMember,
		ExpiresAt: now.Add(48 * time.Hour), Actor: bob, At: now})

	for _, ev := range log {
		fmt.Println(ev.EventType())
	}
	s := d.Fold(log)
	m, _ := s.MemberOf(bob)
	fmt.Println(s.MemberCount(), "members; bob is", m.Role)
	fmt.Println(domain.CodeOf(err))
	// Output:
	// group.created
	// group.member_added
	// group.invitation_created
	// group.invitation_accepted
	// group.member_added
	// 2 members; bob is member
	// YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION
}
