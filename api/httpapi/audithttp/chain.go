package audithttp

import (
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

// verify is GET /v1/audit/verify?from=<position>&to=<position>: 200 with
// the report; "ok" false and "brokenAt"/"reason" when tampered.
func (f *Feature) verify(c echo.Context) error {
	params, err := singleParams(c, "only from and to (log positions, once each) are accepted", "from", "to")
	if err != nil {
		return err
	}
	from, err := compliance.ParsePosition("from", params.Get("from"))
	if err != nil {
		return err
	}
	to, err := compliance.ParsePosition("to", params.Get("to"))
	if err != nil {
		return err
	}
	rep, err := f.svc.Verify(c.Request().Context(), compliance.VerifyInput{Reader: f.reader(c), From: from, To: to})
	if err != nil {
		return err
	}
	return wire.OK(c, rep)
}

// checkpoints is GET /v1/audit/checkpoints: the signed checkpoints and
// the public key, for safekeeping outside the database.
func (f *Feature) checkpoints(c echo.Context) error {
	exp, err := f.svc.Checkpoints(c.Request().Context(), compliance.CheckpointsInput{Reader: f.reader(c)})
	if err != nil {
		return err
	}
	return wire.OK(c, exp)
}
