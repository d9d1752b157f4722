package httpapi

import (
	"github.com/authledger/authledger/api/httpapi/socialhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/social"
)

// socialFeature builds the social sign-in use cases and their routes: the
// providers send the browser back to the server's base URL.
func (s *Server) socialFeature() wire.Feature {
	cfg := s.cfg.Social
	cfg.BaseURL, cfg.Passkeys, cfg.Hooks = s.cfg.BaseURL, s.passkeys, s.beforeHooks()
	return socialhttp.New(s.kit, social.New(s.app, s.sessions, cfg))
}
