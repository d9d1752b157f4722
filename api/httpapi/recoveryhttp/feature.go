package recoveryhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/domain/account"
)

// Feature serves the password-reset routes.
type Feature struct {
	kit *wire.Kit
	svc *recovery.Service
}

// New returns the password-reset feature over the use cases svc.
func New(kit *wire.Kit, svc *recovery.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes is the password-reset surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/request-password-reset", Handler: f.requestReset, Body: requestBody{}, Response: Answer{}},
		{Method: "GET", Path: "/reset-password/:token", Handler: f.followLink},
		{Method: "POST", Path: "/reset-password", Handler: f.resetPassword, Body: resetBody{}, Response: map[string]bool{}},
	}
}

// AdminRoutes is empty: password reset has no admin surface.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the reset error codes: an unusable token is a 400 (the
// other codes these use cases return are the core's).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{account.CodeInvalidToken: http.StatusBadRequest}
}
