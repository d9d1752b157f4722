package httpapi

import (
	"context"
	"net/url"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// ChainVerifier is an optional interface of the configured event store
// (the composition root adds it when the store keeps the audit hash
// chain): it recomputes the chain over (after, to] — to zero meaning the
// head — and returns whether it is intact and a JSON-ready report with
// the first broken position and the reason.
type ChainVerifier interface {
	VerifyChain(ctx context.Context, after, to eventstore.Position) (ok bool, report any, err error)
}

// codeChainUnsupported: the event store keeps no hash chain.
const codeChainUnsupported domain.Code = "AUDIT_CHAIN_UNSUPPORTED"

// auditVerify is GET /v1/audit/verify?from=<position>&to=<position>: 200
// with the report; "ok" false and "brokenAt"/"reason" when tampered.
func (s *Server) auditVerify(c echo.Context) error {
	v, ok := s.cfg.Store.(ChainVerifier)
	if !ok {
		return domain.Errorf(codeChainUnsupported, "this event store keeps no audit hash chain")
	}
	params, err := url.ParseQuery(c.Request().URL.RawQuery)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, "malformed query string")
	}
	var from, to eventstore.Position
	for k, vs := range params {
		var p eventstore.Position
		if len(vs) != 1 || (k != "from" && k != "to") {
			return domain.Errorf(domain.CodeValidation, "only from and to (log positions, once each) are accepted")
		}
		if p, err = parsePos(k, vs[0]); err != nil {
			return err
		}
		if k == "from" {
			from = p
		} else {
			to = p
		}
	}
	if err := s.recordAuditRead(c, params.Encode(), false); err != nil {
		return err
	}
	_, rep, err := v.VerifyChain(c.Request().Context(), from, to)
	if err != nil {
		return err
	}
	return ok200(c, rep)
}

// CheckpointExporter is an optional interface of the configured event
// store: the signed chain checkpoints and the public key, for safekeeping
// outside the database.
type CheckpointExporter interface {
	ExportCheckpoints(ctx context.Context) (any, error)
}

// auditCheckpoints is GET /v1/audit/checkpoints.
func (s *Server) auditCheckpoints(c echo.Context) error {
	x, ok := s.cfg.Store.(CheckpointExporter)
	if !ok {
		return domain.Errorf(codeChainUnsupported, "this event store keeps no audit hash chain")
	}
	if err := s.recordAuditRead(c, "checkpoints", false); err != nil {
		return err
	}
	exp, err := x.ExportCheckpoints(c.Request().Context())
	if err != nil {
		return err
	}
	return ok200(c, exp)
}
