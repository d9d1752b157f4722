package audithttp

import (
	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

// forget is POST /v1/people/:id/forget: erasure.
func (f *Feature) forget(c echo.Context) error {
	_, err := f.svc.Forget(c.Request().Context(), compliance.ForgetInput{Caller: f.kit.Caller(c), Actor: wire.Operator(c, admin.Actor),
		PersonID: c.Param("id")})
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}
