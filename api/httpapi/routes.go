package httpapi

import (
	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/httpapi/adminhttp"
	"github.com/authledger/authledger/api/httpapi/audithttp"
	"github.com/authledger/authledger/api/httpapi/authhttp"
	"github.com/authledger/authledger/api/httpapi/deletehttp"
	"github.com/authledger/authledger/api/httpapi/mfahttp"
	"github.com/authledger/authledger/api/httpapi/orghttp"
	"github.com/authledger/authledger/api/httpapi/useradminhttp"
	"github.com/authledger/authledger/api/httpapi/verifyhttp"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/labstack/echo/v4"
)

// route is one row of the route table: the documented endpoint allowlist.
type route = wire.Route

// features are the HTTP feature packages, built once in New; each hands
// over its routes and its error→status rows.
func (s *Server) buildFeatures() []wire.Feature {
	twoFactor := mfahttp.New(s.kit, s.mfa)
	orgService := orgs.New(s.app, s.sessions, s.orgsConfig())
	deps := s.cfg.Compliance
	deps.Erased = orgService.DropCachedStates
	erasure := compliance.New(s.app, deps)
	del := s.cfg.Deletion
	del.BaseURL = s.cfg.BaseURL
	return []wire.Feature{
		authhttp.New(s.kit, s.identity, twoFactor),
		twoFactor,
		orghttp.New(s.kit, orgService),
		s.passkeyFeature(),
		s.recoveryFeature(),
		verifyhttp.New(s.kit, s.verify),
		s.socialFeature(),
		deletehttp.New(s.kit, deletion.New(s.app, s.sessions, s.identity.Passwords(), erasure, del)),
		audithttp.New(s.kit, erasure),
		adminhttp.New(s.kit, admin.New(s.app, s.sessions), s.decodeAdminBody),
		useradminhttp.New(s.kit, useradmin.New(s.app, s.sessions, s.identity, erasure, useradmin.Config{})),
		s.keysFeature(),
		s.webhooksFeature(),
		s.openAPIDocs(),
	}
}

// allAuthRoutes is every route under /api/auth, each feature's.
func (s *Server) allAuthRoutes() []route {
	var out []route
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

// routes builds the Echo instance: middleware first, then the tables.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(s.recoverPanics, s.countRequests, s.requestIDs, s.securityHeaders, s.cors())
	auth := e.Group("/api/auth", s.refuseNUL, s.bodyLimit, s.rateLimit, s.consistency, s.trackPositions)
	for _, r := range s.allAuthRoutes() {
		if r.FormPost { // a cross-site form POST that only redirects (see wire.Route)
			auth.Add(r.Method, r.Path, r.Handler)
			continue
		}
		auth.Add(r.Method, r.Path, r.Handler, s.originCheck(r.SignInOrUp), s.jsonOnly)
	}
	v1 := e.Group("/v1", s.refuseNUL, s.operatorAuth, s.trackPositions)
	for _, r := range s.allAdminRoutes() {
		v1.Add(r.Method, r.Path, r.Handler, s.requireScopes(r))
	}
	s.mountWeb(e)
	e.Use(s.traceRequests) // tracing.go: a span per request (a no-op without an exporter)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.serveMetrics, s.operatorAuth, s.requireScopes(route{Method: "GET", Path: "/metrics"}))
	return e
}
