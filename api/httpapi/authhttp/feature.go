package authhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// TwoFactor is what sign-in needs of the two-factor transport: the trusted
// device the request presents, and the answer that starts the second step
// of a sign-in. Defined here, where it is consumed; mfahttp.Feature
// implements it.
type TwoFactor interface {
	Device(c echo.Context) mfa.Device
	RespondChallenge(c echo.Context, ch mfa.Challenge) error
}

// Feature serves the identity routes.
type Feature struct {
	kit *wire.Kit
	svc *identity.Service
	tf  TwoFactor
}

// New returns the identity routes over svc; tf carries the two-factor
// cookies of a sign-in (nil when the second factor is not served).
func New(kit *wire.Kit, svc *identity.Service, tf TwoFactor) *Feature {
	return &Feature{kit: kit, svc: svc, tf: tf}
}

// AuthRoutes is the email-and-password surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/sign-up/email", Handler: f.signUp, SignInOrUp: true, Body: signUpBody{}},
		{Method: "POST", Path: "/sign-in/email", Handler: f.signIn, SignInOrUp: true, Body: signInBody{}},
		{Method: "GET", Path: "/get-session", Handler: f.getSession},
		{Method: "POST", Path: "/get-session", Handler: f.getSession},
		{Method: "POST", Path: "/sign-out", Handler: f.signOut, Response: map[string]bool{}},
		{Method: "GET", Path: "/list-sessions", Handler: f.listSessions},
		{Method: "POST", Path: "/revoke-session", Handler: f.revokeSession, Body: revokeSessionBody{}, Response: map[string]bool{}},
		{Method: "POST", Path: "/revoke-sessions", Handler: f.revokeSessions, Response: map[string]bool{}},
		{Method: "POST", Path: "/revoke-other-sessions", Handler: f.revokeOtherSessions, Response: map[string]bool{}},
		{Method: "POST", Path: "/update-user", Handler: f.updateUser, Body: updateUserBody{}},
		{Method: "POST", Path: "/change-password", Handler: f.changePassword, Body: changePasswordBody{}},
		{Method: "POST", Path: "/verify-password", Handler: f.verifyPassword, Body: verifyPasswordBody{}, Response: map[string]bool{}},
		{Method: "POST", Path: "/update-session", Handler: f.updateSession, Body: struct{}{}},
		{Method: "GET", Path: "/multi-session/list-device-sessions", Handler: f.listDeviceSessions},
		{Method: "POST", Path: "/multi-session/set-active", Handler: f.setActiveSession, Body: sessionTokenBody{}},
		{Method: "POST", Path: "/multi-session/revoke", Handler: f.revokeDeviceSession, Body: sessionTokenBody{}, Response: map[string]bool{}},
		{Method: "GET", Path: "/ok", Handler: ok, Response: okAnswer{}},
		{Method: "GET", Path: "/error", Handler: showError, Response: wire.Media("text/html")},
	}
}

// AdminRoutes: the identity core has none.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the codes the identity use cases return (Better Auth's
// statuses).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		domain.CodePasswordTooShort:      http.StatusBadRequest,
		domain.CodePasswordTooLong:       http.StatusBadRequest,
		domain.CodePasswordTooCommon:     http.StatusBadRequest,
		domain.CodePasswordContext:       http.StatusBadRequest,
		domain.CodeInvalidEmail:          http.StatusBadRequest,
		domain.CodeEmailCannotUpdate:     http.StatusBadRequest,
		domain.CodeFieldNotAllowed:       http.StatusBadRequest,
		domain.CodeInvalidPassword:       http.StatusBadRequest,
		domain.CodeUserAlreadyExists:     http.StatusUnprocessableEntity,
		domain.CodeInvalidCredentials:    http.StatusUnauthorized,
		domain.CodeSessionNotFound:       http.StatusNotFound,
		domain.CodeAccountLocked:         http.StatusTooManyRequests,
		domain.CodeBanned:                http.StatusForbidden,
		identity.CodeNoFieldsToUpdate:    http.StatusBadRequest,
		identity.CodeInvalidSessionToken: http.StatusUnauthorized,
	}
}

// ok is Better Auth's liveness route.
func ok(c echo.Context) error { return wire.OK(c, okAnswer{OK: true}) }

// okAnswer is /ok's answer.
type okAnswer struct {
	OK bool `json:"ok"`
}

// remembers reads an optional rememberMe (default true).
func remembers(p *bool) bool { return p == nil || *p }
