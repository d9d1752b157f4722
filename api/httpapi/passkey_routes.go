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
		{"GET", p + "generate-register-options", s.passkeyRegisterOptions, false},
		{"POST", p + "verify-registration", s.passkeyVerifyRegistration, false},
		{"GET", p + "generate-authenticate-options", s.passkeyAuthenticateOptions, false},
		{"POST", p + "verify-authentication", s.passkeyVerifyAuthentication, false},
		{"GET", p + "list-user-passkeys", s.listPasskeys, false},
		{"POST", p + "update-passkey", s.updatePasskey, false},
		{"POST", p + "delete-passkey", s.deletePasskey, false},
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
