package operatorkey

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
)

// Create makes a key. The caller draws ID and the secret and hashes it.
type Create struct {
	ID         string
	Name       string
	Scopes     []string
	SecretHash string
	ExpiresAt  *time.Time
	At         time.Time
}

// Revoke ends a key at once; revoking a revoked key is a no-op.
type Revoke struct{ At time.Time }

// Command is any key command.
type Command interface{ isKeyCommand() }

func (Create) isKeyCommand() {}
func (Revoke) isKeyCommand() {}

// MaxNameLength bounds a key name (runes).
const MaxNameLength = 64

// Error codes of the aggregate (statuses are mapped in the API).
const (
	CodeKeyNotFound  domain.Code = "OPERATOR_KEY_NOT_FOUND"
	CodeUnknownScope domain.Code = "UNKNOWN_SCOPE"
)

// Errors of the decider.
var (
	ErrNotFound       = domain.Errorf(CodeKeyNotFound, "Operator key not found")
	ErrExists         = domain.Errorf(domain.CodeConflict, "Operator key already exists")
	ErrInvalidName    = domain.Errorf(domain.CodeValidation, "name must be 1 to 64 printable characters")
	ErrNoScopes       = domain.Errorf(domain.CodeValidation, "scopes must name at least one scope")
	ErrUnknownScope   = domain.Errorf(CodeUnknownScope, "unknown scope; known: "+strings.Join(AllScopes(), ", "))
	ErrExpiryPast     = domain.Errorf(domain.CodeValidation, "expiresAt must be in the future")
	errUnknownCommand = domain.Errorf(domain.CodeInternal, "operatorkey: unknown command")
)

// NewDecider returns the key decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case Create:
		if s.Exists {
			return nil, ErrExists
		}
		scopes, err := NormalizeScopes(c.Scopes)
		if err != nil {
			return nil, err
		}
		if !ValidName(c.Name) {
			return nil, ErrInvalidName
		}
		if c.ExpiresAt != nil && !c.ExpiresAt.After(c.At) {
			return nil, ErrExpiryPast
		}
		return []domain.Event{Created{KeyID: c.ID, Name: c.Name, Scopes: scopes, SecretHash: c.SecretHash,
			ExpiresAt: c.ExpiresAt, At: c.At}}, nil
	case Revoke:
		if !s.Exists {
			return nil, ErrNotFound
		}
		if s.RevokedAt != nil {
			return nil, nil
		}
		return []domain.Event{Revoked{KeyID: s.ID, At: c.At}}, nil
	}
	return nil, errUnknownCommand
}

// ValidName reports whether name is 1..MaxNameLength runes that
// domain.ValidLabel accepts (the label rule every name shares: no control
// or bidirectional characters), without leading or trailing space.
func ValidName(name string) bool {
	return name != "" && strings.TrimSpace(name) == name && domain.ValidLabel(name, MaxNameLength) == nil
}

// NormalizeScopes checks every scope is known and returns them sorted,
// each once.
func NormalizeScopes(scopes []string) ([]string, error) {
	if len(scopes) == 0 {
		return nil, ErrNoScopes
	}
	out := make([]string, 0, len(scopes))
	for _, s := range scopes {
		if !KnownScope(s) {
			return nil, domain.Errorf(CodeUnknownScope, "unknown scope "+strconv.Quote(s)+"; known: "+
				strings.Join(AllScopes(), ", "))
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
