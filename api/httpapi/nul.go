package httpapi

import (
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// nulMessage is the refusal of a URL carrying a NUL character.
const nulMessage = "[query] Invalid input: must not contain the NUL character"

// refuseNUL answers 400 VALIDATION_ERROR to a request whose path or query
// string carries a NUL character (U+0000, %00): no parameter has a use for
// one, and PostgreSQL's text columns, where ids and tokens are looked up,
// cannot hold it (the JSON decoder refuses it in bodies the same way).
func (s *Server) refuseNUL(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := c.Request().URL
		if strings.IndexByte(u.Path, 0) >= 0 || queryHasNUL(u.RawQuery) {
			return domain.Errorf(domain.CodeValidation, nulMessage)
		}
		return next(c)
	}
}

// queryHasNUL reports whether the raw query string carries a NUL, raw or
// escaped (%00 is a NUL wherever it stands in a well-formed query).
func queryHasNUL(raw string) bool {
	return strings.Contains(raw, "%00") || strings.IndexByte(raw, 0) >= 0
}
