package group

import (
	"slices"
	"strings"
)

// Roles of Better Auth's organization plugin. A member's role may hold
// several, comma-separated ("admin,member").
const (
	RoleOwner  = "owner"
	RoleAdmin  = "admin"
	RoleMember = "member"
)

// Resources and actions of the default permission statements.
const (
	ResourceOrganization = "organization"
	ResourceMember       = "member"
	ResourceInvitation   = "invitation"

	ActionCreate = "create"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionCancel = "cancel"
)

// Statements returns the permission statements a single role grants, as
// Better Auth's default access control defines them: owner has every
// action, admin all but organization:delete, member none. An unknown role
// yields nil. Each call returns a fresh map the caller may keep.
func Statements(role string) map[string][]string {
	switch role {
	case RoleOwner:
		return map[string][]string{
			ResourceOrganization: {ActionUpdate, ActionDelete},
			ResourceMember:       {ActionCreate, ActionUpdate, ActionDelete},
			ResourceInvitation:   {ActionCreate, ActionCancel},
		}
	case RoleAdmin:
		return map[string][]string{
			ResourceOrganization: {ActionUpdate},
			ResourceMember:       {ActionCreate, ActionUpdate, ActionDelete},
			ResourceInvitation:   {ActionCreate, ActionCancel},
		}
	case RoleMember:
		return map[string][]string{ResourceOrganization: {}, ResourceMember: {}, ResourceInvitation: {}}
	}
	return nil
}

// HasPermission reports whether role (comma-separated roles, as Better
// Auth stores them) grants every requested action on every requested
// resource. Any one role granting the whole request is enough, as in
// Better Auth. An empty request, a resource with no actions and unknown
// roles or resources grant nothing.
func HasPermission(role string, perms map[string][]string) bool {
	if len(perms) == 0 {
		return false
	}
	for _, r := range splitRoles(role) {
		if grants(Statements(r), perms) {
			return true
		}
	}
	return false
}

// grants reports whether statements allow every action of perms.
func grants(statements, perms map[string][]string) bool {
	if statements == nil {
		return false
	}
	for resource, actions := range perms {
		allowed, ok := statements[resource]
		if !ok || len(actions) == 0 {
			return false
		}
		for _, a := range actions {
			if !slices.Contains(allowed, a) {
				return false
			}
		}
	}
	return true
}

// ParseRole validates a role from a request and returns its canonical
// form: the comma-separated roles trimmed, without empties or duplicates,
// in their first order. Every role must be owner, admin or member.
func ParseRole(role string) (string, error) {
	var out []string
	for _, r := range strings.Split(role, ",") {
		r = strings.TrimSpace(r)
		if r == "" || slices.Contains(out, r) {
			continue
		}
		if Statements(r) == nil {
			return "", ErrRoleNotFound
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return "", ErrRoleNotFound
	}
	return strings.Join(out, ","), nil
}

// IsOwner reports whether the comma-separated role includes owner.
func IsOwner(role string) bool { return slices.Contains(splitRoles(role), RoleOwner) }

// splitRoles splits a stored role into its parts, trimmed.
func splitRoles(role string) []string {
	parts := strings.Split(role, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}
