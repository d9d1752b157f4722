package session

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Create opens a session. The token was generated and hashed by the caller.
type Create struct {
	SessionID  string
	PersonID   string
	TokenHash  string
	ExpiresIn  time.Duration
	RememberMe bool
	IP         string
	UserAgent  string
	// ImpersonatedBy, when set, is the administrator acting as the person
	// (Better Auth's session.impersonatedBy); such a session lives at most
	// MaxImpersonation.
	ImpersonatedBy string
	At             time.Time
}

// Refresh slides the expiry to At+ExpiresIn, at most once per UpdateAge,
// but never past CreatedAt+MaxLifetime (the absolute lifetime; zero means
// none): activity extends only the idle window.
type Refresh struct {
	ExpiresIn   time.Duration
	UpdateAge   time.Duration
	MaxLifetime time.Duration
	At          time.Time
}

// Revoke ends the session.
type Revoke struct {
	Reason string
	At     time.Time
}

// Expire marks a session found past its expiry.
type Expire struct{ At time.Time }

// SetActiveOrganization sets (or, with "", clears) the session's active
// organization. The caller has checked the membership on the group stream.
type SetActiveOrganization struct {
	OrganizationID string
	At             time.Time
}

// Command is any session command.
type Command interface{ isSessionCommand() }

func (Create) isSessionCommand()  {}
func (Refresh) isSessionCommand() {}
func (Revoke) isSessionCommand()  {}
func (Expire) isSessionCommand()  {}

func (SetActiveOrganization) isSessionCommand() {}

// NewDecider returns the session decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case Create:
		if s.Exists() {
			return nil, domain.Errorf(domain.CodeConflict, "session already exists")
		}
		if c.ExpiresIn <= 0 || c.TokenHash == "" {
			return nil, domain.Errorf(domain.CodeValidation, "session needs a token hash and a lifetime")
		}
		if c.ImpersonatedBy != "" && (c.ExpiresIn > MaxImpersonation || c.ImpersonatedBy == c.PersonID) {
			return nil, domain.Errorf(domain.CodeValidation, "an impersonation session lasts at most an hour and names another person")
		}
		return []domain.Event{Created{SessionID: c.SessionID, PersonID: c.PersonID, TokenHash: c.TokenHash,
			ExpiresAt: c.At.Add(c.ExpiresIn), RememberMe: c.RememberMe, IP: c.IP, UserAgent: c.UserAgent,
			ImpersonatedBy: c.ImpersonatedBy, At: c.At}}, nil
	case Refresh:
		return decideRefresh(s, c)
	case SetActiveOrganization:
		return decideSetActive(s, c)
	case Revoke:
		if s.Status != StatusActive {
			return nil, nil
		}
		return []domain.Event{Revoked{SessionID: s.ID, PersonID: s.PersonID, TokenHash: s.TokenHash,
			Reason: c.Reason, At: c.At}}, nil
	case Expire:
		if s.Status != StatusActive || c.At.Before(s.ExpiresAt) {
			return nil, nil
		}
		return []domain.Event{Expired{SessionID: s.ID, PersonID: s.PersonID, TokenHash: s.TokenHash, At: c.At}}, nil
	}
	return nil, domain.Errorf(domain.CodeInternal, "session: unknown command")
}

// decideRefresh extends an active session when the last refresh is at least
// UpdateAge old; a session past expiry is expired instead.
func decideRefresh(s State, c Refresh) ([]domain.Event, error) {
	if s.Status != StatusActive {
		return nil, domain.ErrSessionNotFound
	}
	if !c.At.Before(s.ExpiresAt) {
		return []domain.Event{Expired{SessionID: s.ID, PersonID: s.PersonID, TokenHash: s.TokenHash, At: c.At}},
			domain.ErrSessionExpired
	}
	if s.ImpersonatedBy != "" { // never outlives its hour
		return nil, nil
	}
	if c.At.Sub(s.RefreshedAt) < c.UpdateAge {
		return nil, nil
	}
	expires := c.At.Add(c.ExpiresIn)
	if c.MaxLifetime > 0 {
		if limit := s.CreatedAt.Add(c.MaxLifetime); expires.After(limit) {
			expires = limit
		}
	}
	if !expires.After(s.ExpiresAt) {
		return nil, nil
	}
	return []domain.Event{Refreshed{SessionID: s.ID, PersonID: s.PersonID, ExpiresAt: expires, At: c.At}}, nil
}

// NeedsRefresh reports whether a get-session at now should refresh: the
// session is active and its last refresh is at least updateAge old.
func NeedsRefresh(s State, now time.Time, updateAge time.Duration) bool {
	return s.ActiveAt(now) && now.Sub(s.RefreshedAt) >= updateAge
}

// decideSetActive records a new active organization of a live session;
// setting the current one is a no-op.
func decideSetActive(s State, c SetActiveOrganization) ([]domain.Event, error) {
	if !s.ActiveAt(c.At) {
		return nil, domain.ErrSessionNotFound
	}
	if c.OrganizationID == s.ActiveOrganizationID {
		return nil, nil
	}
	return []domain.Event{ActiveOrganizationSet{SessionID: s.ID, PersonID: s.PersonID,
		OrganizationID: c.OrganizationID, At: c.At}}, nil
}
