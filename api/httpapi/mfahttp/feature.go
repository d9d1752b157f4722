package mfahttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
)

// Feature serves the two-factor routes and cookies.
type Feature struct {
	kit *wire.Kit
	svc *mfa.Service
}

// New returns the two-factor routes over svc.
func New(kit *wire.Kit, svc *mfa.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes is the two-factor plugin's surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	p := "/two-factor/"
	return []wire.Route{
		{Method: "POST", Path: p + "enable", Handler: f.enable, Body: passwordBody{}},
		{Method: "POST", Path: p + "get-totp-uri", Handler: f.getTOTPURI, Body: passwordBody{}},
		{Method: "POST", Path: p + "verify-totp", Handler: f.verify(twofactor.MethodTOTP), Body: codeBody{}},
		{Method: "POST", Path: p + "generate-backup-codes", Handler: f.generateBackupCodes, Body: passwordBody{}},
		{Method: "POST", Path: p + "verify-backup-code", Handler: f.verify(twofactor.MethodBackupCode), Body: codeBody{}},
		{Method: "POST", Path: p + "disable", Handler: f.disable, Body: passwordBody{}},
		{Method: "POST", Path: p + "send-otp", Handler: f.sendOTP, Body: sendOTPBody{}},
		{Method: "POST", Path: p + "verify-otp", Handler: f.verify(twofactor.MethodOTP), Body: codeBody{}},
	}
}

// AdminRoutes: two-factor has none.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the two-factor codes (Better Auth's statuses).
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{
		domain.CodeOf(twofactor.ErrInvalidCode):       http.StatusUnauthorized,
		domain.CodeOf(twofactor.ErrInvalidBackupCode): http.StatusUnauthorized,
		domain.CodeOf(twofactor.ErrInvalidChallenge):  http.StatusUnauthorized,
		domain.CodeOf(twofactor.ErrTOTPNotEnabled):    http.StatusBadRequest,
		domain.CodeOf(twofactor.ErrNotEnabled):        http.StatusBadRequest,
		domain.CodeOf(twofactor.ErrTooManyAttempts):   http.StatusTooManyRequests,
		sessions.CodeSessionNotFresh:                  http.StatusForbidden,
		domain.CodeOf(twofactor.ErrOTPExpired):        http.StatusBadRequest,
		domain.CodeOf(twofactor.ErrOTPAttempts):       http.StatusBadRequest,
		domain.CodeOf(twofactor.ErrOTPNotConfigured):  http.StatusBadRequest,
	}
}
