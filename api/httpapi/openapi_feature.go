package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/openapi"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/web"
	"github.com/labstack/echo/v4"
)

// openAPIFeature serves the API's OpenAPI 3.1 documents, generated from
// the route tables: /api/auth/open-api/generate-schema and its reference
// page /api/auth/reference (where Better Auth's openAPI plugin puts them),
// and /v1/openapi.json for the operator API.
type openAPIFeature struct{ s *Server }

// schemaPath is where the /api/auth document is served.
const schemaPath = "/api/auth/open-api/generate-schema"

// openAPIDocs is the documents' feature.
func (s *Server) openAPIDocs() wire.Feature { return openAPIFeature{s: s} }

// AuthRoutes are the /api/auth document and its reference page.
func (f openAPIFeature) AuthRoutes() []wire.Route {
	return []wire.Route{
		{Method: "GET", Path: "/open-api/generate-schema", Handler: f.authSchema, Response: openapi.Schema{}},
		{Method: "GET", Path: "/reference", Handler: f.reference, Response: wire.Media("text/html")},
	}
}

// AdminRoutes is the /v1 document.
func (f openAPIFeature) AdminRoutes() []wire.Route {
	return []wire.Route{{Method: "GET", Path: "/openapi.json", Handler: f.adminSchema, Response: openapi.Schema{}}}
}

// Statuses: the feature returns no error codes of its own.
func (openAPIFeature) Statuses() wire.Statuses { return nil }

// AuthDocument is the OpenAPI document of every route under /api/auth.
func (s *Server) AuthDocument() openapi.Schema {
	return openapi.Build(openapi.Group{
		Title:       "authledger: /api/auth",
		Description: "The authentication API, wire-compatible with Better Auth's.",
		Prefix:      "/api/auth", Routes: s.allAuthRoutes(),
		Security: openapi.AuthSecurity, Optional: true, Examples: examples("/api/auth"),
	})
}

// AdminDocument is the OpenAPI document of every route under /v1.
func (s *Server) AdminDocument() openapi.Schema {
	return openapi.Build(openapi.Group{
		Title:       "authledger: /v1",
		Description: "The operator API: audit, ontology, people, operator keys and webhooks.",
		Prefix:      "/v1", Routes: s.allAdminRoutes(),
		Security: openapi.AdminSecurity, Examples: examples("/v1"),
	})
}

// authSchema answers the /api/auth document.
func (f openAPIFeature) authSchema(c echo.Context) error { return wire.OK(c, f.s.AuthDocument()) }

// adminSchema answers the /v1 document.
func (f openAPIFeature) adminSchema(c echo.Context) error { return wire.OK(c, f.s.AdminDocument()) }

// reference answers the /api/auth document as an HTML page, with the
// hosted pages' security headers (no script, no external resource).
func (f openAPIFeature) reference(c echo.Context) error {
	page, err := openapi.Reference(f.s.AuthDocument(), schemaPath)
	if err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", web.ContentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	return c.Blob(http.StatusOK, "text/html; charset=utf-8", page)
}
