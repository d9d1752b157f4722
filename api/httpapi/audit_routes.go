package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/domain"
)

// auditRoutes is the compliance surface under /v1 (admin key): erasure,
// audit queries and export, point-in-time state and chain verification.
func (s *Server) auditRoutes() []route {
	return []route{
		{"POST", "/people/:id/forget", s.forgetPerson, false},
		{"GET", "/audit/events", s.auditEvents, false},
		{"GET", "/audit/verify", s.auditVerify, false},
		{"GET", "/audit/checkpoints", s.auditCheckpoints, false},
		{"GET", "/audit/as-of", s.asOf, false},
	}
}

// auditStatus maps the audit error codes to HTTP statuses.
func auditStatus() map[domain.Code]int {
	return map[domain.Code]int{codeChainUnsupported: http.StatusNotImplemented}
}
