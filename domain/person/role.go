package person

import (
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeRoleChanged is the stored type of RoleChanged.
const TypeRoleChanged = "person.role_changed"

// Platform roles. A person signs up as RoleUser; RoleAdmin is granted only
// by an operator command or by another administrator.
const (
	RoleUser  = "user"
	RoleAdmin = "admin"
)

// maxRoleLen bounds a stored role value.
const maxRoleLen = 200

// ErrInvalidRole refuses an empty or malformed role.
var ErrInvalidRole = domain.Errorf(CodeInvalidRoleType, "Invalid role type")

// CodeInvalidRoleType is Better Auth's code for a role that is not a
// non-empty string.
const CodeInvalidRoleType domain.Code = "INVALID_ROLE_TYPE"

// RoleChanged records that the person's platform role changed; By is who
// changed it (a person id, or the operator's actor name).
type RoleChanged struct {
	PersonID string    `json:"personId"`
	Role     string    `json:"role"`
	Previous string    `json:"previous,omitempty"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// EventType implements domain.Event.
func (RoleChanged) EventType() string { return TypeRoleChanged }

// SetRole changes the platform role (a comma-separated list of roles, as
// Better Auth stores several). Setting the current role is a no-op.
type SetRole struct {
	Role string
	By   string
	At   time.Time
}

func (SetRole) isPersonCommand() {}

// decideSetRole validates the role and records the change.
func decideSetRole(s State, c SetRole) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	if !ValidRole(c.Role) {
		return nil, ErrInvalidRole
	}
	if c.Role == s.Role {
		return nil, nil
	}
	return []domain.Event{RoleChanged{PersonID: s.ID, Role: c.Role, Previous: s.Role, By: c.By, At: c.At}}, nil
}

// ValidRole reports whether r is a non-empty comma-separated list of role
// names made of letters, digits, '-' and '_'.
func ValidRole(r string) bool {
	if r == "" || len(r) > maxRoleLen {
		return false
	}
	for _, name := range strings.Split(r, ",") {
		if name == "" {
			return false
		}
		for _, c := range name {
			ok := c == '-' || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
			if !ok {
				return false
			}
		}
	}
	return true
}

// HasRole reports whether the comma-separated roles include want.
func HasRole(roles, want string) bool {
	for _, r := range strings.Split(roles, ",") {
		if strings.TrimSpace(r) == want {
			return true
		}
	}
	return false
}

// BannedAt reports whether a ban is in force at now: a ban with an expiry
// ends by itself then (Better Auth's banExpires).
func (s State) BannedAt(now time.Time) bool {
	return s.Banned && (s.BanExpires.IsZero() || now.Before(s.BanExpires))
}
