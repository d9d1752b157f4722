package passkeyhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
)

// Feature serves the passkey routes.
type Feature struct {
	kit *wire.Kit
	svc *passkeys.Service
}

// New returns the passkey feature over the use cases svc.
func New(kit *wire.Kit, svc *passkeys.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes is the passkey plugin's surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	p := "/passkey/"
	return []wire.Route{
		{Method: "GET", Path: p + "generate-register-options", Handler: f.registerOptions},
		{Method: "POST", Path: p + "verify-registration", Handler: f.verifyRegistration, Body: registrationBody{}},
		{Method: "GET", Path: p + "generate-authenticate-options", Handler: f.authenticateOptions},
		{Method: "POST", Path: p + "verify-authentication", Handler: f.verifyAuthentication, Body: authenticationBody{}},
		{Method: "GET", Path: p + "list-user-passkeys", Handler: f.list},
		{Method: "POST", Path: p + "update-passkey", Handler: f.update, Body: idBody{}},
		{Method: "POST", Path: p + "delete-passkey", Handler: f.delete, Body: idBody{}},
	}
}

// AdminRoutes is empty: passkeys have no admin surface.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the passkey error codes to Better Auth's statuses: every
// refused ceremony is a 400, an unknown passkey a 404, deleting on a
// stale session a 403.
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		domain.CodeOf(passkey.ErrChallengeNotFound):        http.StatusBadRequest,
		domain.CodeOf(passkey.ErrChallengeExpired):         http.StatusBadRequest,
		domain.CodeOf(passkey.ErrRegistrationFailed):       http.StatusBadRequest,
		domain.CodeOf(passkey.ErrAuthenticationFailed):     http.StatusBadRequest,
		passkeys.CodeChallengeUsed:                         http.StatusBadRequest,
		sessions.CodeSessionNotFresh:                       http.StatusForbidden,
		domain.CodeOf(authenticator.ErrNotFound):           http.StatusNotFound,
		domain.CodeOf(authenticator.ErrAlreadyRegistered):  http.StatusBadRequest,
		domain.CodeOf(authenticator.ErrSignCountRegressed): http.StatusBadRequest,
	}
}
