package orgs_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
)

func TestListMembers(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	cases := []struct {
		name  string
		in    orgs.ListMembersInput
		roles []string
		total int
		code  domain.Code
	}{
		{"default order", orgs.ListMembersInput{Limit: 10}, nil, 3, ""},
		{"by role", orgs.ListMembersInput{Limit: 10, SortBy: "role"}, []string{"admin", "member", "owner"}, 3, ""},
		{"by role, descending", orgs.ListMembersInput{Limit: 10, SortBy: "role", SortDirection: "desc"},
			[]string{"owner", "member", "admin"}, 3, ""},
		{"filtered", orgs.ListMembersInput{Limit: 10, FilterField: "role", FilterValue: "owner"}, []string{"owner"}, 1, ""},
		{"filtered with in", orgs.ListMembersInput{Limit: 10, SortBy: "role", FilterField: "role",
			FilterOperator: "in", FilterValue: "admin,member"}, []string{"admin", "member"}, 2, ""},
		{"paged", orgs.ListMembersInput{Limit: 1, Offset: 1, SortBy: "role"}, []string{"member"}, 3, ""},
		{"past the end", orgs.ListMembersInput{Limit: 5, Offset: 7}, []string{}, 3, ""},
		{"unknown sort", orgs.ListMembersInput{Limit: 5, SortBy: "email"}, nil, 0, domain.CodeValidation},
		{"unknown operator", orgs.ListMembersInput{Limit: 5, FilterField: "id", FilterOperator: "gt"}, nil, 0,
			domain.CodeValidation},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.in.Authed = w.authed(tm.member)
			page, err := w.orgs.ListMembers(ctx, tc.in)
			if got := domain.CodeOf(err); tc.code != "" {
				if err == nil || got != tc.code {
					t.Fatalf("error = %v, want code %s", err, tc.code)
				}
				return
			}
			wantOK(t, err)
			if page.Total != tc.total {
				t.Errorf("total = %d, want %d", page.Total, tc.total)
			}
			if tc.roles == nil {
				return
			}
			var roles []string
			for _, m := range page.Members {
				if m.User == nil || m.User.Email == "" {
					t.Errorf("member %+v without its user", m)
				}
				roles = append(roles, m.Role)
			}
			if len(roles) != len(tc.roles) || len(roles) > 0 && !equal(roles, tc.roles) {
				t.Errorf("roles = %v, want %v", roles, tc.roles)
			}
		})
	}
	outsider := w.signUp("out@example.com", true)
	_, err := w.orgs.ListMembers(ctx, orgs.ListMembersInput{Authed: w.authed(outsider), Limit: 10,
		Target: orgs.Target{OrganizationID: tm.org.ID}})
	if !errors.Is(err, group.ErrNotAMemberOfThisGroup) {
		t.Errorf("outsider lists = %v, want YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION", err)
	}
	_, err = w.orgs.ListMembers(ctx, orgs.ListMembersInput{Authed: w.authed(outsider), Limit: 10})
	if !errors.Is(err, orgs.ErrNoActiveOrganization) {
		t.Errorf("no target = %v, want NO_ACTIVE_ORGANIZATION", err)
	}
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

func TestMemberCommands(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	wantRefused(t, w, func() error {
		_, err := w.orgs.UpdateMemberRole(ctx, orgs.UpdateMemberRoleInput{Authed: w.authed(tm.member),
			MemberID: tm.memberIDs["admin"], Role: "member"})
		return err
	}, group.CodeNotAllowedToUpdateMember)
	wantRefused(t, w, func() error {
		_, err := w.orgs.Leave(ctx, orgs.LeaveInput{Authed: w.authed(tm.owner)})
		return err
	}, group.CodeOnlyOwnerCannotLeave)
	wantRefused(t, w, func() error {
		_, err := w.orgs.RemoveMember(ctx, orgs.RemoveMemberInput{Authed: w.authed(tm.admin), MemberIDOrEmail: "nobody@example.com"})
		return err
	}, group.CodeMemberNotFound)

	m, err := w.orgs.UpdateMemberRole(ctx, orgs.UpdateMemberRoleInput{Authed: w.authed(tm.owner),
		MemberID: tm.memberIDs["member"], Role: "admin,member"})
	if err != nil || m.Role != "admin,member" {
		t.Fatalf("update role = %+v, %v", m, err)
	}
	if role, err := w.orgs.GetActiveMemberRole(ctx, w.authed(tm.owner), orgs.Target{}, m.PersonID); err != nil ||
		role != "admin,member" {
		t.Errorf("role of the member = %q, %v", role, err)
	}
	removed, err := w.orgs.RemoveMember(ctx, orgs.RemoveMemberInput{Authed: w.authed(tm.owner),
		MemberIDOrEmail: "Admin@Example.com"})
	if err != nil || removed.ID != tm.memberIDs["admin"] {
		t.Fatalf("remove by email = %+v, %v", removed, err)
	}
	left, err := w.orgs.Leave(ctx, orgs.LeaveInput{Authed: w.authed(tm.member)})
	if err != nil || left.ID != tm.memberIDs["member"] {
		t.Fatalf("leave = %+v, %v", left, err)
	}
	if w.authed(tm.member).Session.ActiveOrganizationID != "" {
		t.Error("the organization left is still the session's active one")
	}
	page, err := w.orgs.ListMembers(ctx, orgs.ListMembersInput{Authed: w.authed(tm.owner), Limit: 10})
	if err != nil || page.Total != 1 {
		t.Errorf("members left = %+v, %v", page, err)
	}
}

func TestReadsAndPermissions(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	outsider := w.signUp("out@example.com", true)
	invite := map[string][]string{"invitation": {"create"}}
	for token, want := range map[string]bool{tm.owner: true, tm.admin: true, tm.member: false} {
		ok, err := w.orgs.HasPermission(ctx, w.authed(token), "", invite)
		if err != nil || ok != want {
			t.Errorf("has permission = %v, %v; want %v", ok, err, want)
		}
	}
	if _, err := w.orgs.HasPermission(ctx, w.authed(outsider), tm.org.ID, invite); !errors.Is(err, group.ErrMemberNotFound) {
		t.Errorf("outsider's permission = %v, want MEMBER_NOT_FOUND", err)
	}
	if _, err := w.orgs.Get(ctx, w.authed(outsider), orgs.Target{OrganizationSlug: "team"}); !errors.Is(err,
		group.ErrNotAMemberOfThisGroup) {
		t.Errorf("outsider's get = %v", err)
	}
	if full, err := w.orgs.GetFull(ctx, w.authed(outsider), orgs.Target{}, 0); full != nil || err != nil {
		t.Errorf("full organization without one = %+v, %v; want nil", full, err)
	}
	full, err := w.orgs.GetFull(ctx, w.authed(tm.member), orgs.Target{}, 2)
	if err != nil || len(full.Members) != 2 || full.Members[0].User == nil || len(full.Invitations) != 0 {
		t.Errorf("full organization = %+v, %v", full, err)
	}
	list, err := w.orgs.List(ctx, w.authed(tm.admin).User.ID)
	if err != nil || len(list) != 1 || list[0].Slug != "team" {
		t.Errorf("list = %+v, %v", list, err)
	}
	m, err := w.orgs.GetActiveMember(ctx, w.authed(tm.admin), orgs.Target{})
	if err != nil || m.Role != "admin" || m.User.Email != "admin@example.com" {
		t.Errorf("active member = %+v, %v", m, err)
	}
}

func TestSetActive(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	outsider := w.signUp("out@example.com", true)
	slug, empty := "team", ""
	wantRefused(t, w, func() error {
		_, err := w.orgs.SetActive(ctx, orgs.SetActiveInput{Authed: w.authed(outsider), OrganizationSlug: &slug})
		return err
	}, group.CodeUserNotMember)
	wantRefused(t, w, func() error {
		_, err := w.orgs.SetActive(ctx, orgs.SetActiveInput{Authed: w.authed(tm.member), OrganizationID: &empty})
		return err
	}, orgs.CodeNoActiveOrganization)
	org, err := w.orgs.SetActive(ctx, orgs.SetActiveInput{Authed: w.authed(tm.member)})
	if org != nil || err != nil || w.authed(tm.member).Session.ActiveOrganizationID != "" {
		t.Fatalf("clear = %+v, %v", org, err)
	}
	org, err = w.orgs.SetActive(ctx, orgs.SetActiveInput{Authed: w.authed(tm.member), OrganizationSlug: &slug})
	if err != nil || org == nil || org.ID != tm.org.ID || w.authed(tm.member).Session.ActiveOrganizationID != tm.org.ID {
		t.Fatalf("set = %+v, %v", org, err)
	}
}

// TestAnotherNodesWriteIsSeen: the fold cache never hides a write another
// node appended to the group stream; the next decision reads the tail.
func TestAnotherNodesWriteIsSeen(t *testing.T) {
	ctx := context.Background()
	w := newWorld(orgs.Config{})
	defer w.Close()
	tm := newTeam(t, w)
	invite := map[string][]string{"invitation": {"create"}}
	if ok, _ := w.orgs.HasPermission(ctx, w.authed(tm.admin), "", invite); !ok {
		t.Fatal("the admin cannot invite")
	}
	admin := w.authed(tm.admin)
	admins := func() int {
		page, err := w.orgs.ListMembers(ctx, orgs.ListMembersInput{Authed: admin, Limit: 10, FilterField: "role",
			FilterValue: "admin"})
		wantOK(t, err)
		return page.Total
	}
	if n := admins(); n != 1 {
		t.Fatalf("%d admins listed, want 1", n)
	}
	ev, err := w.App.Codec.Encode(ctx, group.MemberRoleChanged{GroupID: tm.org.ID, MemberID: tm.memberIDs["admin"],
		PersonID: admin.User.ID, Role: "member", PreviousRole: "admin", Actor: "elsewhere", At: w.App.Now()},
		domain.Metadata{Actor: "elsewhere", OccurredAt: w.App.Now()}, group.Stream(tm.org.ID))
	wantOK(t, err)
	_, err = w.Store.Append(ctx, eventstore.AppendRequest{Stream: group.Stream(tm.org.ID), Expected: eventstore.Any,
		Events: []eventstore.EventData{ev}})
	wantOK(t, err)
	if ok, err := w.orgs.HasPermission(ctx, admin, "", invite); ok || err != nil {
		t.Errorf("after a demotion elsewhere: may invite = %v, %v", ok, err)
	}
	if n := admins(); n != 0 {
		t.Errorf("%d admins listed after the demotion, want 0 (sorted members cached past their version)", n)
	}
	wantRefused(t, w, func() error {
		_, err := w.orgs.Invite(ctx, orgs.InviteInput{Authed: admin, Email: "z@example.com", Role: "member"})
		return err
	}, group.CodeNotAllowedToInvite)
}
