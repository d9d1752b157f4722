package sessions

import (
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
)

// DontRememberLifetime is the lifetime of a rememberMe:false session.
const DontRememberLifetime = 24 * time.Hour

// DefaultFreshAge is how recent a sign-in must be for sensitive actions.
const DefaultFreshAge = 24 * time.Hour

// Config are the session lifetimes; zero values take the defaults.
type Config struct {
	ExpiresIn   time.Duration // default 7 days
	UpdateAge   time.Duration // sliding refresh at most this often, default 1 day
	MaxLifetime time.Duration // absolute timeout after sign-in, default 30 days
	// FreshAge is how recent a sign-in must be for sensitive actions
	// (disabling two-factor, deleting a passkey); default 1 day.
	FreshAge time.Duration
}

// Defaults fills the zero lifetimes.
func (c Config) Defaults() Config {
	if c.ExpiresIn == 0 {
		c.ExpiresIn = 7 * 24 * time.Hour
	}
	if c.UpdateAge == 0 {
		c.UpdateAge = 24 * time.Hour
	}
	if c.MaxLifetime == 0 {
		c.MaxLifetime = 30 * 24 * time.Hour
	}
	if c.FreshAge == 0 {
		c.FreshAge = DefaultFreshAge
	}
	return c
}

// Service runs the session use cases.
type Service struct {
	app *app.App
	cfg Config
}

// New returns the session use cases over a.
func New(a *app.App, cfg Config) *Service { return &Service{app: a, cfg: cfg.Defaults()} }

// Config returns the lifetimes in force.
func (s *Service) Config() Config { return s.cfg }

// Authed is a caller's live session, resolved from the in-memory index
// without a database read.
type Authed struct {
	Token   string
	Session sessionindex.Session
	User    sessionindex.User
}

// Lookup resolves a token. found is false for unknown or revoked tokens;
// an expired session is returned with expired set.
func (s *Service) Lookup(token string) (a Authed, found, expired bool) {
	sess, user, ok := s.app.Index.Lookup(sessionindex.HashToken(token))
	if !ok {
		return Authed{}, false, false
	}
	a = Authed{Token: token, Session: sess, User: user}
	return a, true, !s.app.Clock().Before(sess.ExpiresAt)
}

// User returns the person as the session index knows them.
func (s *Service) User(personID string) (sessionindex.User, bool) { return s.app.Index.User(personID) }

// Live returns the person's sessions that have not expired.
func (s *Service) Live(personID string) []sessionindex.Session {
	now := s.app.Clock()
	var out []sessionindex.Session
	for _, sess := range s.app.Index.Sessions(personID) {
		if now.Before(sess.ExpiresAt) {
			out = append(out, sess)
		}
	}
	return out
}

// All returns every session of the person the index holds.
func (s *Service) All(personID string) []sessionindex.Session { return s.app.Index.Sessions(personID) }

// Others returns the person's sessions except a's own.
func (s *Service) Others(a Authed) []sessionindex.Session {
	var out []sessionindex.Session
	for _, sess := range s.app.Index.Sessions(a.User.ID) {
		if sess.ID != a.Session.ID {
			out = append(out, sess)
		}
	}
	return out
}

// FindOwn finds a session of personID by its handle (id) or raw token.
func (s *Service) FindOwn(personID, handleOrToken string) (sessionindex.Session, bool) {
	hash := sessionindex.HashToken(handleOrToken)
	for _, sess := range s.app.Index.Sessions(personID) {
		if sess.ID == handleOrToken || sess.TokenHash == hash {
			return sess, true
		}
	}
	return sessionindex.Session{}, false
}
