package group

import (
	"errors"
	"strings"
	"testing"
)

func TestHasPermission(t *testing.T) {
	tests := []struct {
		role  string
		perms map[string][]string
		want  bool
	}{
		{RoleOwner, map[string][]string{ResourceOrganization: {ActionDelete}}, true},
		{RoleOwner, map[string][]string{ResourceOrganization: {ActionUpdate, ActionDelete},
			ResourceMember: {ActionCreate, ActionUpdate, ActionDelete}, ResourceInvitation: {ActionCreate, ActionCancel}}, true},
		{RoleAdmin, map[string][]string{ResourceOrganization: {ActionUpdate}}, true},
		{RoleAdmin, map[string][]string{ResourceOrganization: {ActionDelete}}, false},
		{RoleAdmin, map[string][]string{ResourceOrganization: {ActionUpdate, ActionDelete}}, false},
		{RoleAdmin, map[string][]string{ResourceMember: {ActionCreate, ActionUpdate, ActionDelete}}, true},
		{RoleAdmin, map[string][]string{ResourceInvitation: {ActionCreate, ActionCancel}}, true},
		{RoleAdmin, map[string][]string{ResourceInvitation: {ActionCreate}, ResourceOrganization: {ActionDelete}}, false},
		{RoleMember, map[string][]string{ResourceInvitation: {ActionCreate}}, false},
		{RoleMember, map[string][]string{ResourceMember: {ActionUpdate}}, false},
		{RoleMember, map[string][]string{ResourceOrganization: {ActionUpdate}}, false},
		{"member,admin", map[string][]string{ResourceInvitation: {ActionCreate}}, true},
		{"member, owner", map[string][]string{ResourceOrganization: {ActionDelete}}, true},
		{"admin,member", map[string][]string{ResourceOrganization: {ActionDelete}}, false},
		{"superuser", map[string][]string{ResourceOrganization: {ActionUpdate}}, false},
		{"", map[string][]string{ResourceOrganization: {ActionUpdate}}, false},
		{"Owner", map[string][]string{ResourceOrganization: {ActionUpdate}}, false},
		{RoleOwner, map[string][]string{"team": {ActionCreate}}, false},
		{RoleOwner, map[string][]string{ResourceOrganization: {"read"}}, false},
		{RoleOwner, map[string][]string{ResourceOrganization: {}}, false},
		{RoleOwner, map[string][]string{}, false},
		{RoleOwner, nil, false},
	}
	for _, tt := range tests {
		if got := HasPermission(tt.role, tt.perms); got != tt.want {
			t.Errorf("HasPermission(%q, %v) = %v, want %v", tt.role, tt.perms, got, tt.want)
		}
	}
}

func TestStatementsAreFresh(t *testing.T) {
	s := Statements(RoleAdmin)
	s[ResourceOrganization] = append(s[ResourceOrganization], ActionDelete)
	if HasPermission(RoleAdmin, map[string][]string{ResourceOrganization: {ActionDelete}}) {
		t.Error("changing a returned statement changed the admin role")
	}
	if Statements("guest") != nil {
		t.Error("unknown role has statements")
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"member", "member", nil},
		{" admin ", "admin", nil},
		{"admin,member", "admin,member", nil},
		{"member, admin ,member", "member,admin", nil},
		{"owner,,admin", "owner,admin", nil},
		{"", "", ErrRoleNotFound},
		{" , ", "", ErrRoleNotFound},
		{"root", "", ErrRoleNotFound},
		{"admin,root", "", ErrRoleNotFound},
		{"ADMIN", "", ErrRoleNotFound},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) && !(err == nil && tt.err == nil) {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

func TestIsOwner(t *testing.T) {
	for role, want := range map[string]bool{"owner": true, "admin, owner": true, "admin": false, "owners": false, "": false} {
		if got := IsOwner(role); got != want {
			t.Errorf("IsOwner(%q) = %v, want %v", role, got, want)
		}
	}
}

// FuzzParseRole: roles arrive from request bodies. A parsed role is
// canonical (parsing it again is the identity), lists only known roles,
// and grants exactly what its parts grant.
func FuzzParseRole(f *testing.F) {
	for _, s := range []string{"owner", "admin,member", " member , admin ", ",,", "owner\x00", "admin,owner,admin"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseRole(in)
		if err != nil {
			if !errors.Is(err, ErrRoleNotFound) || got != "" {
				t.Fatalf("ParseRole(%q) = %q, %v", in, got, err)
			}
			return
		}
		again, err := ParseRole(got)
		if err != nil || again != got {
			t.Fatalf("ParseRole(%q) = %q, not canonical: %q, %v", in, got, again, err)
		}
		for _, r := range strings.Split(got, ",") {
			if Statements(r) == nil {
				t.Fatalf("ParseRole(%q) = %q holds unknown role %q", in, got, r)
			}
		}
		del := map[string][]string{ResourceOrganization: {ActionDelete}}
		if HasPermission(got, del) != IsOwner(got) {
			t.Fatalf("%q: organization:delete = %v but owner = %v", got, HasPermission(got, del), IsOwner(got))
		}
	})
}
