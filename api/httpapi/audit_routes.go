package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/domain"
)

// auditRoutes is the compliance surface under /v1 (admin key): erasure,
// audit queries and export, point-in-time state and chain verification.
func (s *Server) auditRoutes() []route {
	return []route{
		{Method: "POST", Path: "/people/:id/forget", Handler: s.forgetPerson},
		{Method: "GET", Path: "/audit/events", Handler: s.auditEvents},
		{Method: "GET", Path: "/audit/verify", Handler: s.auditVerify},
		{Method: "GET", Path: "/audit/checkpoints", Handler: s.auditCheckpoints},
		{Method: "GET", Path: "/audit/as-of", Handler: s.asOf},
	}
}

// auditStatus maps the audit error codes to HTTP statuses.
func auditStatus() map[domain.Code]int {
	return map[domain.Code]int{codeChainUnsupported: http.StatusNotImplemented}
}
