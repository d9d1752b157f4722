package useradmin

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
)

// DefaultBanReason is the reason recorded for a ban given without one.
const DefaultBanReason = "No reason"

// Config are the admin plugin's settings; zero values take the defaults.
type Config struct {
	// ImpersonationLifetime is how long an impersonation session lives
	// (default and maximum: one hour).
	ImpersonationLifetime time.Duration
}

// Defaults fills the zero values and caps the lifetime.
func (c Config) Defaults() Config {
	if c.ImpersonationLifetime <= 0 || c.ImpersonationLifetime > session.MaxImpersonation {
		c.ImpersonationLifetime = session.MaxImpersonation
	}
	return c
}

// Service runs the admin plugin's use cases.
type Service struct {
	app      *app.App
	sessions *sessions.Service
	identity *identity.Service
	erasure  *compliance.Service
	cfg      Config
}

// New returns the admin use cases: id supplies the password policy and
// the additional-field schema, erasure the crypto-shredding removal.
func New(a *app.App, s *sessions.Service, id *identity.Service, erasure *compliance.Service, cfg Config) *Service {
	return &Service{app: a, sessions: s, identity: id, erasure: erasure, cfg: cfg.Defaults()}
}

// Admin is the caller of an admin route: their live session and where the
// request comes from.
type Admin struct {
	Session sessions.Authed
	Caller  app.Caller
}

// id is the administrator's person id, the actor of what they do.
func (a Admin) id() string { return a.Session.User.ID }

// require refuses the caller unless their role grants the action.
func (a Admin) require(resource, action string, refusal error) error {
	if !Allowed(a.Session.User.Role, Permissions{resource: {action}}) {
		return refusal
	}
	return nil
}

// meta is the metadata of an administrator's command.
func (s *Service) meta(a Admin) domain.Metadata { return a.Caller.Meta(a.id(), s.app.Now()) }

// loadPerson folds a person's stream; an unknown or erased person is
// USER_NOT_FOUND.
func (s *Service) loadPerson(ctx context.Context, id string) (person.State, error) {
	if !domain.ValidID(id) {
		return person.State{}, ErrUserNotFound
	}
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(id))
	if err != nil {
		return p, err
	}
	if !p.Exists {
		return p, ErrUserNotFound
	}
	return p, nil
}

// user returns the person as the session index knows them (it reflects
// every command this node acknowledged).
func (s *Service) user(id string) (sessionindex.User, error) {
	u, ok := s.sessions.User(id)
	if !ok {
		return u, ErrUserNotFound
	}
	return u, nil
}
