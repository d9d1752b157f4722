package verifyhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain/person"
)

// Feature serves the email-verification routes.
type Feature struct {
	kit *wire.Kit
	svc *verification.Service
}

// New returns the email-verification feature over the use cases svc.
func New(kit *wire.Kit, svc *verification.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes is the email-verification surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/send-verification-email", Handler: f.send, Body: sendBody{}},
		{Method: "GET", Path: "/verify-email", Handler: f.verify},
		{Method: "POST", Path: "/change-email", Handler: f.changeEmail, Body: changeBody{}},
	}
}

// AdminRoutes is empty: verification has no admin surface.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the verification codes (Better Auth's statuses).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		person.CodeInvalidToken:         http.StatusBadRequest,
		person.CodeTokenExpired:         http.StatusUnauthorized,
		person.CodeEmailAlreadyVerified: http.StatusBadRequest,
		person.CodeEmailMismatch:        http.StatusBadRequest,
		person.CodeEmailNotVerified:     http.StatusForbidden,
		person.CodeVerificationEmailOff: http.StatusBadRequest,
		person.CodeEmailIsTheSame:       http.StatusBadRequest,
		person.CodeChangeEmailDisabled:  http.StatusBadRequest,
		person.CodeInvalidUser:          http.StatusUnauthorized,
		sessions.CodeSessionNotFresh:    http.StatusForbidden,
	}
}
