package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
)

// twoFactorRoutes is the two-factor plugin's surface under /api/auth.
func (s *Server) twoFactorRoutes() []route {
	p := "/two-factor/"
	return []route{
		{Method: "POST", Path: p + "enable", Handler: s.enableTwoFactor},
		{Method: "POST", Path: p + "get-totp-uri", Handler: s.getTOTPURI},
		{Method: "POST", Path: p + "verify-totp", Handler: s.verifyTOTP},
		{Method: "POST", Path: p + "generate-backup-codes", Handler: s.generateBackupCodes},
		{Method: "POST", Path: p + "verify-backup-code", Handler: s.verifyBackupCode},
		{Method: "POST", Path: p + "disable", Handler: s.disableTwoFactor},
	}
}

// codeSessionNotFresh answers 2FA disable on a session older than freshAge.
const codeSessionNotFresh domain.Code = "SESSION_NOT_FRESH"

// errSessionNotFresh asks the caller to sign in again before disabling.
var errSessionNotFresh = domain.Errorf(codeSessionNotFresh, "Session is not fresh")

// twoFactorStatus maps the two-factor error codes to HTTP statuses.
func twoFactorStatus() map[domain.Code]int {
	return map[domain.Code]int{
		domain.CodeOf(twofactor.ErrInvalidCode):       http.StatusUnauthorized,
		domain.CodeOf(twofactor.ErrInvalidBackupCode): http.StatusUnauthorized,
		domain.CodeOf(twofactor.ErrInvalidChallenge):  http.StatusUnauthorized,
		domain.CodeOf(twofactor.ErrTOTPNotEnabled):    http.StatusBadRequest,
		domain.CodeOf(twofactor.ErrNotEnabled):        http.StatusBadRequest,
		domain.CodeOf(twofactor.ErrTooManyAttempts):   http.StatusTooManyRequests,
		codeSessionNotFresh:                           http.StatusForbidden,
	}
}
