package admin

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
)

// Actor is the actor recorded for admin-key commands.
const Actor = "admin"

// Service runs the administrative use cases.
type Service struct {
	app      *app.App
	sessions *sessions.Service
}

// New returns the admin use cases over a. Ban revokes the sessions the
// session index holds, so a must follow one (a server's App).
func New(a *app.App, s *sessions.Service) *Service { return &Service{app: a, sessions: s} }
