package httpapi

import (
	"net/http"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
)

// passkeyRoutes is the passkey plugin's surface under /api/auth.
func (s *Server) passkeyRoutes() []route {
	p := "/passkey/"
	return []route{
		{Method: "GET", Path: p + "generate-register-options", Handler: s.passkeyRegisterOptions},
		{Method: "POST", Path: p + "verify-registration", Handler: s.passkeyVerifyRegistration},
		{Method: "GET", Path: p + "generate-authenticate-options", Handler: s.passkeyAuthenticateOptions},
		{Method: "POST", Path: p + "verify-authentication", Handler: s.passkeyVerifyAuthentication},
		{Method: "GET", Path: p + "list-user-passkeys", Handler: s.listPasskeys},
		{Method: "POST", Path: p + "update-passkey", Handler: s.updatePasskey},
		{Method: "POST", Path: p + "delete-passkey", Handler: s.deletePasskey},
	}
}

// codeChallengeUsed answers a ceremony whose challenge already completed.
const codeChallengeUsed domain.Code = "CHALLENGE_ALREADY_USED"

// errChallengeUsed refuses a second use of a challenge (a replayed
// assertion or attestation).
var errChallengeUsed = domain.Errorf(codeChallengeUsed, "Challenge already used")

// passkeyStatus maps the passkey error codes to HTTP statuses: every
// refused ceremony is a 400, as Better Auth answers.
func passkeyStatus() map[domain.Code]int {
	return map[domain.Code]int{
		domain.CodeOf(passkey.ErrChallengeNotFound):    http.StatusBadRequest,
		domain.CodeOf(passkey.ErrChallengeExpired):     http.StatusBadRequest,
		domain.CodeOf(passkey.ErrRegistrationFailed):   http.StatusBadRequest,
		domain.CodeOf(passkey.ErrAuthenticationFailed): http.StatusBadRequest,
		codeChallengeUsed:                                  http.StatusBadRequest,
		domain.CodeOf(authenticator.ErrNotFound):           http.StatusNotFound,
		domain.CodeOf(authenticator.ErrAlreadyRegistered):  http.StatusBadRequest,
		domain.CodeOf(authenticator.ErrSignCountRegressed): http.StatusBadRequest,
	}
}
