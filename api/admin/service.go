package admin

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
)

// Actor is the actor recorded for commands of the bootstrap admin key
// (an operator key is recorded as key:<id>).
const Actor = "admin"

// actorOr is actor, or Actor when none is named.
func actorOr(actor string) string {
	if actor == "" {
		return Actor
	}
	return actor
}

// Service runs the administrative use cases.
type Service struct {
	app      *app.App
	sessions *sessions.Service
}

// New returns the admin use cases over a. Ban revokes the sessions the
// session index holds, so a must follow one (a server's App).
func New(a *app.App, s *sessions.Service) *Service { return &Service{app: a, sessions: s} }
