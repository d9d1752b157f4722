package api

import "github.com/authledger/authledger/domain"

// auditRoutes is the compliance surface under /v1/audit (admin key).
func (s *Server) auditRoutes() []route { return nil }

// auditStatus maps the audit error codes to HTTP statuses.
func auditStatus() map[domain.Code]int { return nil }
