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
	// Cached folded states hold decrypted data: an erasure drops them,
	// whether made here (deps.Erased) or by another node or the command
	// line (seen by the session index's follower).
	dropCaches := func() { orgService.DropCachedStates(); s.identity.DropCachedStates() }
	deps.Erased = dropCaches
	s.app.Index.OnErased(func() {
		s.cfg.Keys.Purge() // a key destroyed elsewhere must not live on in this node's key cache
		dropCaches()
	})
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
// The global middleware and the /api/auth routes' chains are composed once,
// here: Echo would compose them anew (a closure per middleware) on every
// request, which costs a get-session more than its own work.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	// tracing.go: a span per request (skipped without an exporter)
	e.Use(composedOnce(s.recoverPanics(), s.countRequests, s.requestIDs, fixedHeaders, s.cors(), s.traceRequests))
	authMW := []echo.MiddlewareFunc{s.refuseNUL, s.bodyLimit, s.rateLimit, s.consistency, s.trackPositions}
	e.Group("/api/auth", authMW...) // unmatched /api/auth paths pass the same middleware before their 404
	for _, r := range s.allAuthRoutes() {
		mw := authMW
		if !r.FormPost { // a cross-site form POST only redirects (see wire.Route)
			mw = append(mw[:len(mw):len(mw)], s.originCheck(r.SignInOrUp), s.jsonOnly)
		}
		e.Add(r.Method, "/api/auth"+r.Path, wrapped(r.Handler, mw...))
	}
	v1 := e.Group("/v1", s.refuseNUL, s.operatorAuth, s.trackPositions)
	for _, r := range s.allAdminRoutes() {
		v1.Add(r.Method, r.Path, r.Handler, s.requireScopes(r))
	}
	s.mountWeb(e)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.serveMetrics, s.operatorAuth, s.requireScopes(route{Method: "GET", Path: "/metrics"}))
	return e
}

// wrapped wraps h in mw, the first outermost (Echo's order), once.
func wrapped(h echo.HandlerFunc, mw ...echo.MiddlewareFunc) echo.HandlerFunc {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// composedOnce is mw as one global middleware composed a single time around
// a call of the routed handler (c.Handler, which Echo has set by the time
// global middleware runs), instead of once per request.
func composedOnce(mw ...echo.MiddlewareFunc) echo.MiddlewareFunc {
	h := wrapped(func(c echo.Context) error { return c.Handler()(c) }, mw...)
	return func(echo.HandlerFunc) echo.HandlerFunc { return h }
}
