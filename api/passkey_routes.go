package api

import "github.com/authledger/authledger/domain"

// passkeyRoutes is the passkey plugin's surface under /api/auth.
func (s *Server) passkeyRoutes() []route { return nil }

// passkeyStatus maps the passkey error codes to HTTP statuses.
func passkeyStatus() map[domain.Code]int { return nil }
