package mfa

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// Passwords is what the password-protected two-factor actions need of the
// identity core: the length guard before any hashing, and the check of a
// person's password against their credential account. Defined here, where
// it is consumed; identity.Passwords implements it.
type Passwords interface {
	CheckMax(password string) error
	Matches(ctx context.Context, personID, password string) (bool, error)
}

// Service runs the two-factor use cases.
type Service struct {
	app       *app.App
	sessions  *sessions.Service
	passwords Passwords
	cfg       Config
}

// New returns the two-factor use cases over a; cfg's zero values take the
// defaults.
func New(a *app.App, sess *sessions.Service, pw Passwords, cfg Config) *Service {
	return &Service{app: a, sessions: sess, passwords: pw, cfg: cfg.Defaults()}
}

// Config returns the settings in force (defaults filled).
func (s *Service) Config() Config { return s.cfg }

// run runs one two-factor command on the person's own stream.
func (s *Service) run(ctx context.Context, caller app.Caller, personID string, build func(twofactor.State) twofactor.Command) error {
	_, err := app.Run(ctx, s.app, twofactor.NewDecider(), twofactor.Stream(personID),
		caller.Meta(personID, s.app.Now()), personID, build)
	return err
}

// state folds the person's two-factor stream.
func (s *Service) state(ctx context.Context, personID string) (twofactor.State, error) {
	st, _, err := app.Load(ctx, s.app, twofactor.NewDecider(), twofactor.Stream(personID))
	return st, err
}

// decide is the two-factor stream's part of a command that also opens or
// revokes sessions.
func (s *Service) decide(ctx context.Context, personID string, build func(twofactor.State) twofactor.Command) (twofactor.State, eventstore.Change, error) {
	return app.Decide(ctx, s.app, twofactor.NewDecider(), twofactor.Stream(personID), build)
}
