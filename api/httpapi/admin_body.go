package httpapi

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

// decodeAdminBody reads and strictly decodes an admin request body: the
// /v1 group has no body middleware of its own, so the size limit and the
// JSON content type are checked here, for the features that take a body.
func (s *Server) decodeAdminBody(c echo.Context, dst any) error {
	if err := s.bodyLimit(func(echo.Context) error { return nil })(c); err != nil {
		return err
	}
	if err := s.jsonOnly(func(echo.Context) error { return nil })(c); err != nil {
		return err
	}
	return wire.Decode(c, dst)
}
