package httpapi

import (
	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/api/orgs"
)

// beforeHooks is the before-hook guard the use cases share (nil without a
// hook: no cost).
func (s *Server) beforeHooks() *hooks.Guard { return hooks.New(s.app, s.cfg.Hooks) }

// orgsConfig is the organization settings with the before-hook.
func (s *Server) orgsConfig() orgs.Config {
	cfg := s.cfg.Organizations
	cfg.Hooks = s.beforeHooks()
	return cfg
}
