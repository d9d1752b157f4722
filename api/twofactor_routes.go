package api

import "github.com/authledger/authledger/domain"

// twoFactorRoutes is the two-factor plugin's surface under /api/auth.
func (s *Server) twoFactorRoutes() []route { return nil }

// twoFactorStatus maps the two-factor error codes to HTTP statuses.
func twoFactorStatus() map[domain.Code]int { return nil }
