package orgs_test

import (
	"context"
	"fmt"
	"time"

	"github.com/authledger/authledger/api/orgs"
)

// Example runs the organization use cases without HTTP: Alice creates an
// organization and invites Bob, Bob accepts, and Alice lists the members.
func Example() {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	alice, bob := w.signUp("alice@example.com", true), w.signUp("bob@example.com", true)

	org, err := w.orgs.Create(ctx, orgs.CreateInput{Authed: w.authed(alice), Name: "Acme", Slug: "acme"})
	if err != nil {
		fmt.Println(err)
		return
	}
	inv, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(alice), Email: "Bob@Example.com", Role: "admin"})
	if err != nil {
		fmt.Println(err)
		return
	}
	w.Clock.Advance(time.Minute) // Bob answers a minute later (members list oldest first)
	if _, err := w.orgs.Accept(ctx, orgs.AnswerInput{Authed: w.authed(bob), InvitationID: inv.ID}); err != nil {
		fmt.Println(err)
		return
	}
	page, err := w.orgs.ListMembers(ctx, orgs.ListMembersInput{Authed: w.authed(alice),
		Target: orgs.Target{OrganizationSlug: "acme"}, Limit: orgs.DefaultMembersPage})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(org.Name, org.Slug, page.Total)
	for _, m := range page.Members {
		fmt.Println(m.User.Email, m.Role)
	}
	fmt.Println("bob's active organization is acme:", w.authed(bob).Session.ActiveOrganizationID == org.ID)
	// Output:
	// Acme acme 2
	// alice@example.com owner
	// bob@example.com admin
	// bob's active organization is acme: true
}
