package httpapi

import (
	"github.com/authledger/authledger/api/httpapi/recoveryhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/recovery"
)

// recoveryFeature builds the password-reset use cases and their routes:
// links are built on the server's base URL, land on the hosted reset page
// unless the request names another, new passwords meet the server's
// password policy, and a reset of a never-verified address removes the
// passkeys.
func (s *Server) recoveryFeature() wire.Feature {
	cfg := s.cfg.Reset
	cfg.BaseURL, cfg.Policy, cfg.Passkeys = s.cfg.BaseURL, s.cfg.PasswordPolicy, s.passkeys
	if cfg.DefaultRedirect == "" {
		cfg.DefaultRedirect = "/ui/reset-password" // the hosted page (api/web)
	}
	s.recovery = recovery.New(s.app, s.sessions, cfg)
	return recoveryhttp.New(s.kit, s.recovery)
}
