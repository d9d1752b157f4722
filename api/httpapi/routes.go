package httpapi

import (
	"slices"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/adminhttp"
	"github.com/authledger/authledger/api/httpapi/audithttp"
	"github.com/authledger/authledger/api/httpapi/orghttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/labstack/echo/v4"
)

// route is one row of the route table: the documented endpoint allowlist.
type route = wire.Route

// features are the HTTP feature packages, built once in New; each hands
// over its routes and its error→status rows.
func (s *Server) buildFeatures() []wire.Feature {
	return []wire.Feature{
		orghttp.New(s.kit, orgs.New(s.app, s.sessions, s.cfg.Organizations)),
		s.passkeyFeature(),
		s.recoveryFeature(),
		audithttp.New(s.kit, compliance.New(s.app, s.cfg.Compliance)),
		adminhttp.New(s.kit, admin.New(s.app, s.sessions), s.decodeAdminBody),
	}
}

// allAuthRoutes is every route under /api/auth: the server's own table
// and each feature's.
func (s *Server) allAuthRoutes() []route {
	out := slices.Concat(s.authRoutes(), s.twoFactorRoutes())
	for _, f := range s.features {
		out = append(out, f.AuthRoutes()...)
	}
	return out
}

// allAdminRoutes is every route under /v1.
func (s *Server) allAdminRoutes() []route {
	var out []route
	for _, f := range s.features {
		out = append(out, f.AdminRoutes()...)
	}
	return out
}

// authRoutes is the Better Auth surface under /api/auth.
func (s *Server) authRoutes() []route {
	return []route{
		{Method: "POST", Path: "/sign-up/email", Handler: s.signUpEmail, SignInOrUp: true},
		{Method: "POST", Path: "/sign-in/email", Handler: s.signInEmail, SignInOrUp: true},
		{Method: "GET", Path: "/get-session", Handler: s.getSession},
		{Method: "POST", Path: "/get-session", Handler: s.getSession},
		{Method: "POST", Path: "/sign-out", Handler: s.signOut},
		{Method: "GET", Path: "/list-sessions", Handler: s.listSessions},
		{Method: "POST", Path: "/revoke-session", Handler: s.revokeSession},
		{Method: "POST", Path: "/revoke-sessions", Handler: s.revokeSessions},
		{Method: "POST", Path: "/revoke-other-sessions", Handler: s.revokeOtherSessions},
		{Method: "POST", Path: "/update-user", Handler: s.updateUser},
		{Method: "POST", Path: "/change-password", Handler: s.changePassword},
		{Method: "GET", Path: "/multi-session/list-device-sessions", Handler: s.listDeviceSessions},
		{Method: "GET", Path: "/ok", Handler: s.ok},
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
