package operatorkey

import (
	"slices"
	"time"

	"github.com/authledger/authledger/domain"
)

// State is a key folded from its stream.
type State struct {
	Exists     bool
	ID         string
	Name       string
	Scopes     []string
	SecretHash string
	ExpiresAt  *time.Time
	CreatedAt  time.Time
	RevokedAt  *time.Time
}

// Has reports whether the key carries scope.
func (s State) Has(scope string) bool { return slices.Contains(s.Scopes, scope) }

// Expired reports whether the key has an expiry at or before now.
func (s State) Expired(now time.Time) bool { return s.ExpiresAt != nil && !now.Before(*s.ExpiresAt) }

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Created:
		s = State{Exists: true, ID: e.KeyID, Name: e.Name, Scopes: slices.Clone(e.Scopes), SecretHash: e.SecretHash,
			ExpiresAt: e.ExpiresAt, CreatedAt: e.At}
	case Revoked:
		at := e.At
		s.RevokedAt = &at
	case Used, Refused:
		// kept in the usage stream; nothing to fold into the key
	}
	return s
}
