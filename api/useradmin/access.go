package useradmin

import (
	"slices"
	"strings"

	"github.com/authledger/authledger/domain/person"
)

// Permissions maps a resource ("user", "session") to the actions asked
// for, as in Better Auth's access-control checks.
type Permissions map[string][]string

// Statements are Better Auth's default admin statements: every resource
// and the actions it knows.
var Statements = Permissions{
	"user": {"create", "list", "set-role", "ban", "impersonate", "impersonate-admins", "delete",
		"set-password", "set-email", "set-phone", "get", "update"},
	"session": {"list", "revoke", "delete"},
}

// Roles are the default roles' grants: admin may do everything but
// impersonate other administrators; user may do nothing.
var Roles = map[string]Permissions{
	person.RoleAdmin: {
		"user": {"create", "list", "set-role", "ban", "impersonate", "delete", "set-password",
			"set-email", "set-phone", "get", "update"},
		"session": {"list", "revoke", "delete"},
	},
	person.RoleUser: {"user": {}, "session": {}},
}

// Allowed reports whether any of the comma-separated roles grants every
// action asked for (Better Auth's hasPermission; an empty role is "user").
// Asking for nothing is refused.
func Allowed(roles string, want Permissions) bool {
	if len(want) == 0 {
		return false
	}
	if roles == "" {
		roles = person.RoleUser
	}
	for _, r := range strings.Split(roles, ",") {
		if grants(Roles[strings.TrimSpace(r)], want) {
			return true
		}
	}
	return false
}

// grants reports whether the role's grants cover every asked action.
func grants(role Permissions, want Permissions) bool {
	if role == nil {
		return false
	}
	for res, actions := range want {
		have, ok := role[res]
		if !ok {
			return false
		}
		for _, a := range actions {
			if !slices.Contains(have, a) {
				return false
			}
		}
	}
	return true
}

// IsAdmin reports whether the roles include an administrator role.
func IsAdmin(roles string) bool { return person.HasRole(roles, person.RoleAdmin) }
