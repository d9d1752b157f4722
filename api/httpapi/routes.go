package httpapi

import (
	"slices"

	"github.com/labstack/echo/v4"
)

// route is one row of the route table: the documented endpoint allowlist.
type route struct {
	method, path string
	handler      echo.HandlerFunc
	signInOrUp   bool // stricter origin rules for cookieless requests
}

// authRoutes is the Better Auth surface under /api/auth.
func (s *Server) authRoutes() []route {
	return []route{
		{"POST", "/sign-up/email", s.signUpEmail, true},
		{"POST", "/sign-in/email", s.signInEmail, true},
		{"GET", "/get-session", s.getSession, false},
		{"POST", "/get-session", s.getSession, false},
		{"POST", "/sign-out", s.signOut, false},
		{"GET", "/list-sessions", s.listSessions, false},
		{"POST", "/revoke-session", s.revokeSession, false},
		{"POST", "/revoke-sessions", s.revokeSessions, false},
		{"POST", "/revoke-other-sessions", s.revokeOtherSessions, false},
		{"POST", "/update-user", s.updateUser, false},
		{"POST", "/change-password", s.changePassword, false},
		{"POST", "/request-password-reset", s.requestPasswordReset(), false},
		{"GET", "/reset-password/:token", s.resetLinkRedirect, false},
		{"POST", "/reset-password", s.resetPassword, false},
		{"GET", "/multi-session/list-device-sessions", s.listDeviceSessions, false},
		{"GET", "/ok", s.ok, false},
	}
}

// routes builds the Echo instance: middleware first, then the tables.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(s.recoverPanics, s.countRequests, s.requestIDs, s.securityHeaders, s.trackPositions)
	auth := e.Group("/api/auth", s.bodyLimit, s.rateLimit, s.consistency)
	for _, r := range slices.Concat(s.authRoutes(), s.orgRoutes(), s.twoFactorRoutes(), s.passkeyRoutes()) {
		auth.Add(r.method, r.path, r.handler, s.originCheck(r.signInOrUp), s.jsonOnly)
	}
	v1 := e.Group("/v1", s.adminOnly)
	for _, r := range slices.Concat(s.ontologyRoutes(), s.adminRoutes(), s.auditRoutes()) {
		v1.Add(r.method, r.path, r.handler)
	}
	s.mountWeb(e)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metrics, s.adminOnly)
	return e
}
