package useradmin_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
)

// TestAllowed follows Better Auth's default statements: admin may do
// everything but impersonate admins, user nothing.
func TestAllowed(t *testing.T) {
	tests := []struct {
		roles string
		want  useradmin.Permissions
		ok    bool
	}{
		{"admin", useradmin.Permissions{"user": {"create", "list", "set-role", "ban", "impersonate", "delete", "set-password", "get", "update"}}, true},
		{"admin", useradmin.Permissions{"session": {"list", "revoke", "delete"}}, true},
		{"admin", useradmin.Permissions{"user": {"impersonate-admins"}}, false},
		{"user", useradmin.Permissions{"user": {"list"}}, false},
		{"", useradmin.Permissions{"user": {"get"}}, false},
		{"user,admin", useradmin.Permissions{"user": {"ban"}}, true},
		{"admin", useradmin.Permissions{"project": {"create"}}, false},
		{"admin", useradmin.Permissions{}, false},
		{"owner", useradmin.Permissions{"user": {"get"}}, false},
	}
	for _, tt := range tests {
		if got := useradmin.Allowed(tt.roles, tt.want); got != tt.ok {
			t.Errorf("Allowed(%q, %v) = %v, want %v", tt.roles, tt.want, got, tt.ok)
		}
	}
}

// TestRefusals: every use case refuses a caller without the grant with
// Better Auth's code and appends nothing.
func TestRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	u := f.signUp("uma@example.com", "Uma")
	other := f.signUp("olaf@example.com", "Olaf").Session.User.ID
	in := useradmin.UserInput{Admin: u, UserID: other}
	tests := []struct {
		name string
		call func() error
		code domain.Code
	}{
		{"create", func() error {
			_, err := f.svc.CreateUser(ctx, useradmin.CreateUserInput{Admin: u, Email: "x@example.com", Name: "X"})
			return err
		}, useradmin.CodeNotAllowedToCreate},
		{"list", func() error { _, err := f.svc.ListUsers(ctx, useradmin.ListUsersInput{Admin: u}); return err }, useradmin.CodeNotAllowedToList},
		{"get", func() error {
			_, err := f.svc.GetUser(ctx, useradmin.GetUserInput{Admin: u, UserID: other})
			return err
		}, useradmin.CodeNotAllowedToGet},
		{"update", func() error {
			_, err := f.svc.UpdateUser(ctx, useradmin.UpdateUserInput{Admin: u, UserID: other, Data: map[string]any{"name": "Z"}})
			return err
		}, useradmin.CodeNotAllowedToUpdate},
		{"set-role", func() error {
			_, err := f.svc.SetRole(ctx, useradmin.SetRoleInput{Admin: u, UserID: u.Session.User.ID, Role: "admin"})
			return err
		}, useradmin.CodeNotAllowedToChangeRole},
		{"ban", func() error { _, err := f.svc.Ban(ctx, useradmin.BanInput{Admin: u, UserID: other}); return err }, useradmin.CodeNotAllowedToBan},
		{"unban", func() error { _, err := f.svc.Unban(ctx, useradmin.UnbanInput{Admin: u, UserID: other}); return err }, useradmin.CodeNotAllowedToBan},
		{"list sessions", func() error { _, err := f.svc.ListUserSessions(ctx, in); return err }, useradmin.CodeNotAllowedToListSessions},
		{"revoke session", func() error {
			return f.svc.RevokeUserSession(ctx, useradmin.RevokeUserSessionInput{Admin: u, SessionToken: "x"})
		}, useradmin.CodeNotAllowedToRevokeSessions},
		{"revoke sessions", func() error { return f.svc.RevokeUserSessions(ctx, in) }, useradmin.CodeNotAllowedToRevokeSessions},
		{"impersonate", func() error { _, err := f.svc.Impersonate(ctx, in); return err }, useradmin.CodeNotAllowedToImpersonate},
		{"set password", func() error {
			return f.svc.SetUserPassword(ctx, useradmin.SetUserPasswordInput{Admin: u, UserID: other, NewPassword: "another horse 1"})
		}, useradmin.CodeNotAllowedToSetPassword},
		{"remove", func() error { return f.svc.RemoveUser(ctx, in) }, useradmin.CodeNotAllowedToDelete},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.Head(t)
			wantCode(t, tt.call(), tt.code)
			if f.Head(t) != before {
				t.Error("a refusal appended events")
			}
		})
	}
	ok, err := f.svc.HasPermission(ctx, useradmin.HasPermissionInput{Admin: u, Permissions: useradmin.Permissions{"user": {"list"}}})
	if err != nil || ok {
		t.Errorf("has-permission for a user = %v, %v", ok, err)
	}
}

// TestListUsers searches, filters, sorts and pages the people table.
func TestListUsers(t *testing.T) {
	f := newFixture(t)
	ada := f.grant(f.signUp("ada@example.com", "Ada"), person.RoleAdmin)
	for _, p := range []struct{ email, name string }{{"bob@example.org", "Bob"}, {"cy@example.com", "Cy"}, {"dee@example.org", "Dee"}} {
		f.signUp(p.email, p.name)
		f.Clock.Advance(time.Minute)
	}
	tests := []struct {
		name  string
		in    useradmin.ListUsersInput
		want  string
		total int
		code  domain.Code
	}{
		{"all by name", useradmin.ListUsersInput{SortBy: "name"}, "Ada,Bob,Cy,Dee", 4, ""},
		{"desc with a page", useradmin.ListUsersInput{SortBy: "name", SortDirection: "desc", Limit: 2, Offset: 1}, "Cy,Bob", 4, ""},
		{"offset past the end", useradmin.ListUsersInput{Offset: 10}, "", 4, ""},
		{"search email contains", useradmin.ListUsersInput{SearchValue: ".ORG", SortBy: "email"}, "Bob,Dee", 2, ""},
		{"search name starts", useradmin.ListUsersInput{SearchField: "name", SearchOperator: "starts_with", SearchValue: "d"}, "Dee", 1, ""},
		{"filter role", useradmin.ListUsersInput{FilterField: "role", FilterValues: []string{"admin"}}, "Ada", 1, ""},
		{"filter in", useradmin.ListUsersInput{FilterField: "name", FilterOperator: "in", FilterValues: []string{"Bob", "Cy"}, SortBy: "name"}, "Bob,Cy", 2, ""},
		{"filter created after", useradmin.ListUsersInput{FilterField: "createdAt", FilterOperator: "gt",
			FilterValues: []string{"2026-11-27T09:00:30Z"}, SortBy: "createdAt"}, "Cy,Dee", 2, ""},
		{"filter banned", useradmin.ListUsersInput{FilterField: "banned", FilterValues: []string{"true"}}, "", 0, ""},
		{"unknown search field", useradmin.ListUsersInput{SearchField: "role", SearchValue: "a"}, "", 0, domain.CodeValidation},
		{"unknown operator", useradmin.ListUsersInput{FilterField: "name", FilterOperator: "like", FilterValues: []string{"x"}}, "", 0, domain.CodeValidation},
		{"unknown sort field", useradmin.ListUsersInput{SortBy: "passwordHash"}, "", 0, domain.CodeValidation},
		{"bad direction", useradmin.ListUsersInput{SortBy: "name", SortDirection: "up"}, "", 0, domain.CodeValidation},
		{"bad date", useradmin.ListUsersInput{FilterField: "createdAt", FilterOperator: "gt", FilterValues: []string{"yesterday"}}, "", 0, domain.CodeValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Admin = ada
			page, err := f.svc.ListUsers(context.Background(), tt.in)
			wantCode(t, err, tt.code)
			if tt.code != "" {
				return
			}
			var names []string
			for _, u := range page.Users {
				names = append(names, u.Name)
			}
			if strings.Join(names, ",") != tt.want || page.Total != tt.total {
				t.Errorf("got %v (total %d), want %s (%d)", names, page.Total, tt.want, tt.total)
			}
		})
	}
}

// TestUpdateUser: profile, role and ban in one append; the refusals of
// Better Auth's update-user.
func TestUpdateUser(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ada := f.grant(f.signUp("ada@example.com", "Ada"), person.RoleAdmin)
	bob := f.signUp("bob@example.com", "Bob")
	tests := []struct {
		name string
		data map[string]any
		code domain.Code
	}{
		{"no data", map[string]any{}, useradmin.CodeNoDataToUpdate},
		{"password", map[string]any{"password": "x"}, useradmin.CodePasswordViaUpdateUser},
		{"id", map[string]any{"id": "x"}, useradmin.CodeUserIDCannotBeUpdated},
		{"email", map[string]any{"email": "new@example.com"}, domain.CodeEmailCannotUpdate},
		{"bad role", map[string]any{"role": 3.0}, person.CodeInvalidRoleType},
		{"unknown field", map[string]any{"favouriteColour": "red"}, domain.CodeFieldNotAllowed},
		{"bad ban expiry", map[string]any{"banned": true, "banExpires": "soon"}, domain.CodeValidation},
		{"name, role and ban at once", map[string]any{"name": "Robert", "role": []any{"user", "support"}, "banned": true,
			"banReason": "spam", "banExpires": "2026-11-28T09:00:00.000Z"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.Head(t)
			_, err := f.svc.UpdateUser(ctx, useradmin.UpdateUserInput{Admin: ada, UserID: bob.Session.User.ID, Data: tt.data})
			wantCode(t, err, tt.code)
			if tt.code != "" && f.Head(t) != before {
				t.Error("a refusal appended events")
			}
		})
	}
	u, err := f.svc.GetUser(ctx, useradmin.GetUserInput{Admin: ada, UserID: bob.Session.User.ID})
	if err != nil || u.Name != "Robert" || u.Role != "user,support" || !u.Banned || u.BanReason != "spam" ||
		!u.BanExpires.Equal(time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("after update: %s, %v", jsonOf(u), err)
	}
	if _, found, _ := f.sessions.Lookup(bob.Session.Token); found {
		t.Error("a ban left the user's session alive")
	}
	_, err = f.svc.UpdateUser(ctx, useradmin.UpdateUserInput{Admin: ada, UserID: ada.Session.User.ID, Data: map[string]any{"banned": true}})
	wantCode(t, err, useradmin.CodeCannotBanYourself)
	if got := f.metaOf(person.TypeRoleChanged); len(got) != 2 || got[1].Actor != ada.Session.User.ID {
		t.Errorf("role changes by: %s", jsonOf(got))
	}
}

// TestImpersonation: the session names the administrator and lives an
// hour; admins and banned people cannot be impersonated; what the session
// does names both people; stop needs the administrator's own session.
func TestImpersonation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ada := f.grant(f.signUp("ada@example.com", "Ada"), person.RoleAdmin)
	eve := f.grant(f.signUp("eve@example.com", "Eve"), person.RoleAdmin)
	bob := f.signUp("bob@example.com", "Bob")
	cy := f.signUp("cy@example.com", "Cy")
	if _, err := f.svc.Ban(ctx, useradmin.BanInput{Admin: ada, UserID: cy.Session.User.ID, Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	refusals := []struct {
		target string
		code   domain.Code
	}{
		{eve.Session.User.ID, useradmin.CodeCannotImpersonateAdmins},
		{ada.Session.User.ID, useradmin.CodeCannotImpersonateAdmins},
		{cy.Session.User.ID, domain.CodeBanned},
		{"P0000000000000000000000000000404", useradmin.CodeUserNotFound},
	}
	for _, r := range refusals {
		_, err := f.svc.Impersonate(ctx, useradmin.UserInput{Admin: ada, UserID: r.target})
		wantCode(t, err, r.code)
	}
	imp, err := f.svc.Impersonate(ctx, useradmin.UserInput{Admin: ada, UserID: bob.Session.User.ID})
	if err != nil {
		t.Fatal(err)
	}
	if imp.Session.ImpersonatedBy != ada.Session.User.ID || imp.User.ID != bob.Session.User.ID ||
		!imp.Session.ExpiresAt.Equal(f.App.Now().Add(session.MaxImpersonation)) {
		t.Errorf("impersonation session: %s", jsonOf(imp.Session))
	}
	as := f.as(imp.Token)
	as.Caller.Impersonator = as.Session.Session.ImpersonatedBy // what the HTTP layer does for such a session
	if err := f.identity.UpdateUser(ctx, identityUpdate(as, "Bobby")); err != nil {
		t.Fatal(err)
	}
	metas := f.metaOf(person.TypeProfileUpdated)
	if len(metas) != 1 || metas[0].Actor != bob.Session.User.ID || metas[0].Impersonator != ada.Session.User.ID {
		t.Errorf("an action while impersonating: %s", jsonOf(metas))
	}
	_, err = f.svc.StopImpersonating(ctx, useradmin.StopInput{Session: as.Session, Caller: caller, AdminToken: eve.Session.Token})
	wantCode(t, err, useradmin.CodeAdminSessionNotFound)
	_, err = f.svc.StopImpersonating(ctx, useradmin.StopInput{Session: bob.Session, Caller: caller, AdminToken: ada.Session.Token})
	wantCode(t, err, useradmin.CodeNotImpersonating)
	back, err := f.svc.StopImpersonating(ctx, useradmin.StopInput{Session: as.Session, Caller: caller, AdminToken: ada.Session.Token})
	if err != nil || back.User.ID != ada.Session.User.ID {
		t.Fatalf("stop: %v %s", err, jsonOf(back.User))
	}
	if _, found, _ := f.sessions.Lookup(imp.Token); found {
		t.Error("the impersonation session outlived stop")
	}
	again, err := f.svc.Impersonate(ctx, useradmin.UserInput{Admin: ada, UserID: bob.Session.User.ID})
	if err != nil {
		t.Fatal(err)
	}
	f.Clock.Advance(time.Hour)
	if _, found, expired := f.sessions.Lookup(again.Token); found && !expired {
		t.Error("an impersonation session outlived its hour")
	}
}

// TestOperatorSetRole grants a role by email or id.
func TestOperatorSetRole(t *testing.T) {
	f := newFixture(t)
	ada := f.signUp("ada@example.com", "Ada")
	tests := []struct {
		name, key, role string
		code            domain.Code
	}{
		{"by email", "ADA@example.com", "admin", ""},
		{"by id", ada.Session.User.ID, "user", ""},
		{"unknown email", "nobody@example.com", "admin", useradmin.CodeUserNotFound},
		{"unknown id", "P0000000000000000000000000000404", "admin", useradmin.CodeUserNotFound},
		{"bad role", ada.Session.User.ID, "super admin", person.CodeInvalidRoleType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := f.svc.OperatorSetRole(context.Background(), useradmin.OperatorSetRoleInput{Caller: caller,
				Actor: "admin-cli", IDOrKey: tt.key, Role: tt.role})
			wantCode(t, err, tt.code)
			if tt.code == "" {
				if u, _ := f.sessions.User(id); u.Role != tt.role {
					t.Errorf("role %q, want %q", u.Role, tt.role)
				}
			}
		})
	}
	if got := f.metaOf(person.TypeRoleChanged); len(got) != 2 || got[0].Actor != "admin-cli" {
		t.Errorf("operator role changes: %s", jsonOf(got))
	}
}

// TestSetUserPassword: replaces a password, or gives a person created
// without one their first; the policy applies.
func TestSetUserPassword(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ada := f.grant(f.signUp("ada@example.com", "Ada"), person.RoleAdmin)
	bob := f.signUp("bob@example.com", "Bob").Session.User.ID
	nopw, err := f.svc.CreateUser(ctx, useradmin.CreateUserInput{Admin: ada, Email: "cy@example.com", Name: "Cy"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, id, pw, email string
		code                domain.Code
	}{
		{"too short", bob, "short", "", domain.CodePasswordTooShort},
		{"unknown person", "P0000000000000000000000000000404", "amber kettle meadow", "", useradmin.CodeUserNotFound},
		{"replace", bob, "amber kettle meadow", "bob@example.com", ""},
		{"first password", nopw.ID, "copper lantern field", "cy@example.com", ""},
		{"and again", nopw.ID, "silver harbor window", "cy@example.com", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := f.svc.SetUserPassword(ctx, useradmin.SetUserPasswordInput{Admin: ada, UserID: tt.id, NewPassword: tt.pw})
			wantCode(t, err, tt.code)
			if tt.code != "" {
				return
			}
			if _, err := f.identity.SignIn(ctx, identity.SignInInput{Caller: caller, Email: tt.email, Password: tt.pw}); err != nil {
				t.Errorf("sign-in with the new password: %v", err)
			}
		})
	}
}
