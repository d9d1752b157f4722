package httpapi

import (
	"strings"

	"github.com/authledger/authledger/api/httpapi/passkeyhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/passkeys"
)

// passkeyFeature builds the passkey use cases and their routes: the
// relying party defaults to the base URL and the trusted origins.
func (s *Server) passkeyFeature() wire.Feature {
	cfg := s.cfg.Passkey.Resolve(s.cfg.BaseURL, s.cfg.TrustedOrigins)
	return passkeyhttp.New(s.kit, passkeys.New(s.app, s.sessions, cfg))
}

// hasPasskeys reports whether the passkey routes are mounted (the hosted
// pages then offer passkeys).
func (s *Server) hasPasskeys() bool {
	for _, r := range s.allAuthRoutes() {
		if strings.HasPrefix(r.Path, "/passkey/") {
			return true
		}
	}
	return false
}
