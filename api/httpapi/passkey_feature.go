package httpapi

import (
	"strings"

	"github.com/authledger/authledger/api/httpapi/passkeyhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
)

// passkeyFeature serves the passkey use cases (built in buildIdentity:
// the relying party defaults to the base URL and the trusted origins).
func (s *Server) passkeyFeature() wire.Feature {
	return passkeyhttp.New(s.kit, s.passkeys)
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
