package orgs_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/session"
)

// team is an organization of an owner, an admin and a member, each with a
// session whose active organization is it.
type team struct {
	w                    *world
	org                  orgs.FullOrganization
	owner, admin, member string // session tokens
	memberIDs            map[string]string
}

func newTeam(t *testing.T, w *world) team {
	t.Helper()
	ctx := context.Background()
	tm := team{w: w, owner: w.signUp("owner@example.com", true), memberIDs: map[string]string{}}
	var err error
	tm.org, err = w.orgs.Create(ctx, orgs.CreateInput{Authed: w.authed(tm.owner), Name: "Team", Slug: "team"})
	wantOK(t, err)
	for role, tok := range map[string]*string{"admin": &tm.admin, "member": &tm.member} {
		*tok = w.signUp(role+"@example.com", true)
		inv, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: w.authed(tm.owner), Email: role + "@example.com", Role: role})
		wantOK(t, err)
		acc, err := w.orgs.Accept(ctx, orgs.AnswerInput{Authed: w.authed(*tok), InvitationID: inv.ID})
		wantOK(t, err)
		tm.memberIDs[role] = acc.Member.ID
	}
	return tm
}

func TestUpdate(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	other, err := w.orgs.Create(ctx, orgs.CreateInput{Authed: w.authed(w.signUp("x@example.com", true)), Name: "X",
		Slug: "x"})
	wantOK(t, err)
	name, slug, taken, bad := "Renamed", "renamed", "x", "has space"
	refusals := []struct {
		name  string
		token string
		in    orgs.UpdateInput
		code  domain.Code
	}{
		{"a member may not update", tm.member, orgs.UpdateInput{Name: &name}, group.CodeNotAllowedToUpdateOrg},
		{"slug taken", tm.owner, orgs.UpdateInput{Slug: &taken}, orgs.CodeSlugTaken},
		{"invalid slug", tm.owner, orgs.UpdateInput{Slug: &bad}, domain.CodeValidation},
		{"another organization", tm.owner, orgs.UpdateInput{OrganizationID: other.ID, Name: &name},
			group.CodeUserNotMember},
	}
	for _, tc := range refusals {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Authed = w.authed(tc.token)
			wantRefused(t, w, func() error { _, err := w.orgs.Update(ctx, tc.in); return err }, tc.code)
		})
	}
	org, err := w.orgs.Update(ctx, orgs.UpdateInput{Authed: w.authed(tm.admin), Name: &name, Slug: &slug})
	wantOK(t, err)
	if org.Name != name || org.Slug != slug {
		t.Fatalf("updated %+v", org)
	}
	if err := w.orgs.CheckSlug(ctx, "team"); err != nil {
		t.Errorf("the old slug is still taken: %v", err)
	}
	if err := w.orgs.CheckSlug(ctx, slug); !errors.Is(err, orgs.ErrSlugTaken) {
		t.Errorf("the new slug is free: %v", err)
	}
}

func TestDelete(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	wantRefused(t, w, func() error {
		_, err := w.orgs.Delete(ctx, orgs.DeleteInput{Authed: w.authed(tm.admin)})
		return err
	}, group.CodeNotAllowedToDeleteOrg)
	before := w.Head(t)
	org, err := w.orgs.Delete(ctx, orgs.DeleteInput{Authed: w.authed(tm.owner)})
	wantOK(t, err)
	if org.ID != tm.org.ID || org.Slug != "team" {
		t.Errorf("deleted %+v", org)
	}
	if got, want := w.TypesSince(t, before), []string{group.TypeDeleted, session.TypeActiveOrganizationSet}; !slices.Equal(got, want) {
		t.Errorf("appended %v, want %v", got, want)
	}
	if w.authed(tm.owner).Session.ActiveOrganizationID != "" {
		t.Error("the deleted organization is still the owner's active one")
	}
	if err := w.orgs.CheckSlug(ctx, "team"); err != nil {
		t.Errorf("the slug of a deleted organization is still taken: %v", err)
	}
	_, err = w.orgs.Get(ctx, w.authed(tm.member), orgs.Target{})
	if !errors.Is(err, group.ErrOrganizationNotFound) {
		t.Errorf("get after delete = %v, want ORGANIZATION_NOT_FOUND", err)
	}
}
