package httpapi

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// corsMaxAge is how long (seconds) a browser may cache a preflight answer.
const corsMaxAge = 600

// cors lets a browser app on a trusted origin (the base URL's or one of
// TrustedOrigins) call /api/auth with credentials: a preflight from it is
// answered 204 with Access-Control-Allow-Origin set to that exact origin
// (never "*"), Access-Control-Allow-Credentials, the allowed methods and
// headers; an actual request gets the same origin and credentials headers.
// Any other origin, "null" included, gets no Access-Control-Allow-Origin, so
// the browser keeps the answer from the page. Every /api/auth answer carries
// Vary: Origin. The CSRF rules (originCheck) still apply to the request
// itself. It wraps the router's own answer for methods a route lacks, so a
// preflight for a POST-only route is answered here rather than with 405.
func (s *Server) cors() echo.MiddlewareFunc {
	return middleware.CORSWithConfig(middleware.CORSConfig{
		Skipper: func(c echo.Context) bool { return !strings.HasPrefix(c.Request().URL.Path, "/api/auth/") },
		AllowOriginFunc: func(o string) (bool, error) {
			return s.kit.Origins.AllowsCORS(o), nil
		},
		AllowCredentials: true,
		AllowMethods:     []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowHeaders:     []string{"Content-Type", "Authorization", "X-Request-Id", "X-Consistency-Token"},
		ExposeHeaders:    []string{"set-auth-token", "X-Consistency-Token", "X-Request-Id", "X-Retry-After"},
		MaxAge:           corsMaxAge,
	})
}
