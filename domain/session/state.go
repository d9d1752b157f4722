package session

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Status of a session.
const (
	StatusActive  = "active"
	StatusRevoked = "revoked"
	StatusExpired = "expired"
)

// State is a session folded from its stream.
type State struct {
	ID          string
	PersonID    string
	TokenHash   string
	Status      string // "" when the stream is empty
	RememberMe  bool
	IP          string
	UserAgent   string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ExpiresAt   time.Time
	RefreshedAt time.Time
	// ActiveOrganizationID is the session's default organization ("" none).
	ActiveOrganizationID string
	// ImpersonatedBy is the administrator acting as the person, if any.
	ImpersonatedBy string
}

// Exists reports whether the session was created.
func (s State) Exists() bool { return s.Status != "" }

// ActiveAt reports whether the session authenticates at now.
func (s State) ActiveAt(now time.Time) bool {
	return s.Status == StatusActive && now.Before(s.ExpiresAt)
}

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Created:
		s = State{ID: e.SessionID, PersonID: e.PersonID, TokenHash: e.TokenHash, Status: StatusActive,
			RememberMe: e.RememberMe, IP: e.IP, UserAgent: e.UserAgent, CreatedAt: e.At, UpdatedAt: e.At,
			ExpiresAt: e.ExpiresAt, RefreshedAt: e.At, ImpersonatedBy: e.ImpersonatedBy}
	case Refreshed:
		s.ExpiresAt, s.UpdatedAt, s.RefreshedAt = e.ExpiresAt, e.At, e.At
	case Revoked:
		s.Status, s.UpdatedAt = StatusRevoked, e.At
	case Expired:
		s.Status, s.UpdatedAt = StatusExpired, e.At
	case ActiveOrganizationSet:
		s.ActiveOrganizationID, s.UpdatedAt = e.OrganizationID, e.At
	}
	return s
}
