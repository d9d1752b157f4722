package httpapi

import (
	"slices"

	"github.com/authledger/authledger/api/httpapi/authhttp"
	"github.com/authledger/authledger/api/httpapi/mfahttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

// route is one row of the route table: the documented endpoint allowlist.
type route = wire.Route

// features are the HTTP feature packages, built once in New; each hands
// over its routes and its error→status rows.
func (s *Server) buildFeatures() []wire.Feature {
	twoFactor := mfahttp.New(s.kit, s.mfa)
	return []wire.Feature{authhttp.New(s.kit, s.identity, twoFactor), twoFactor}
}

// allAuthRoutes is every route under /api/auth: the server's own table
// and each feature's.
func (s *Server) allAuthRoutes() []route {
	out := slices.Concat(s.authRoutes(), s.orgRoutes(), s.passkeyRoutes())
	for _, f := range s.features {
		out = append(out, f.AuthRoutes()...)
	}
	return out
}

// allAdminRoutes is every route under /v1.
func (s *Server) allAdminRoutes() []route {
	out := slices.Concat(s.ontologyRoutes(), s.adminRoutes(), s.auditRoutes())
	for _, f := range s.features {
		out = append(out, f.AdminRoutes()...)
	}
	return out
}

// authRoutes is the part of the Better Auth surface under /api/auth that
// is still served by the server itself (the identity routes are
// authhttp's, the two-factor routes mfahttp's).
func (s *Server) authRoutes() []route {
	return []route{
		{Method: "POST", Path: "/request-password-reset", Handler: s.requestPasswordReset()},
		{Method: "GET", Path: "/reset-password/:token", Handler: s.resetLinkRedirect},
		{Method: "POST", Path: "/reset-password", Handler: s.resetPassword},
	}
}

// routes builds the Echo instance: middleware first, then the tables.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(s.recoverPanics, s.countRequests, s.requestIDs, s.securityHeaders, s.trackPositions)
	auth := e.Group("/api/auth", s.bodyLimit, s.rateLimit, s.consistency)
	for _, r := range s.allAuthRoutes() {
		auth.Add(r.Method, r.Path, r.Handler, s.originCheck(r.SignInOrUp), s.jsonOnly)
	}
	v1 := e.Group("/v1", s.adminOnly)
	for _, r := range s.allAdminRoutes() {
		v1.Add(r.Method, r.Path, r.Handler)
	}
	s.mountWeb(e)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metrics, s.adminOnly)
	return e
}
