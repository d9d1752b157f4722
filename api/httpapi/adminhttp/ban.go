package adminhttp

import (
	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

type banBody struct {
	Reason *string `json:"reason,omitempty"`
}

// ban is POST /v1/people/:id/ban {reason?}: the person's sessions end at
// once, on every node.
func (f *Feature) ban(c echo.Context) error {
	var b banBody
	if err := f.decode(c, &b); err != nil {
		return err
	}
	err := f.svc.Ban(c.Request().Context(), admin.BanInput{Caller: f.kit.Caller(c), Actor: wire.Operator(c, admin.Actor), PersonID: c.Param("id"),
		Reason: wire.Deref(b.Reason)})
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

// unban is POST /v1/people/:id/unban.
func (f *Feature) unban(c echo.Context) error {
	err := f.svc.Unban(c.Request().Context(), admin.UnbanInput{Caller: f.kit.Caller(c), Actor: wire.Operator(c, admin.Actor),
		PersonID: c.Param("id")})
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}
