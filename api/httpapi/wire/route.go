package wire

import (
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// Route is one row of a feature's route table: the documented allowlist.
type Route struct {
	Method, Path string
	Handler      echo.HandlerFunc
	// SignInOrUp applies the stricter origin rules for cookieless requests
	// (only on /api/auth).
	SignInOrUp bool
	// FormPost marks a route a provider's cross-site form POST reaches
	// (response_mode=form_post): it skips the origin check and the JSON
	// content type rule, so its handler must change nothing and only
	// redirect to a GET route that does the checks (only on /api/auth).
	FormPost bool
	// Body is a zero value of the JSON body type the handler decodes, nil
	// for a route that reads no body. The server's every-route tests walk
	// its fields (json tags) to send each one missing, null, of the wrong
	// type, empty and hostile, and refuse a body route that declares none.
	Body any
	// Response is a zero value of the type a success answer encodes, nil
	// when it is not declared: the OpenAPI document describes the answer
	// by its json tags, or as any JSON value.
	Response any
}

// Statuses maps a feature's error codes to HTTP statuses.
type Statuses map[domain.Code]int

// Feature is what each HTTP feature package hands the server: its routes
// under /api/auth, under /v1 (admin), and the status of every error code
// its use cases return. The server merges the tables once and refuses to
// start when two features map one code differently.
type Feature interface {
	AuthRoutes() []Route
	AdminRoutes() []Route
	Statuses() Statuses
}
