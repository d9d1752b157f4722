package social

import (
	"unicode/utf8"

	"github.com/authledger/authledger/domain"
)

// Bounds of what a sign-in may add to its authorization request.
const (
	maxExtraScopes = 32
	maxScopeLen    = 256
	maxLoginHint   = 320
)

// checkAuthExtras refuses extra scopes that are not OAuth scope tokens
// (RFC 6749 §3.3: printable ASCII without space, '"' or '\'), too many of
// them, or a login hint with control characters or too long.
func checkAuthExtras(scopes []string, loginHint string) error {
	if len(scopes) > maxExtraScopes {
		return domain.Errorf(domain.CodeValidation, "[body.scopes] Too many scopes")
	}
	for _, sc := range scopes {
		if sc == "" || len(sc) > maxScopeLen {
			return domain.Errorf(domain.CodeValidation, "[body.scopes] Invalid scope")
		}
		for i := 0; i < len(sc); i++ {
			if c := sc[i]; c < 0x21 || c > 0x7e || c == '"' || c == '\\' {
				return domain.Errorf(domain.CodeValidation, "[body.scopes] Invalid scope")
			}
		}
	}
	if len(loginHint) > maxLoginHint || !utf8.ValidString(loginHint) {
		return domain.Errorf(domain.CodeValidation, "[body.loginHint] Invalid login hint")
	}
	if err := domain.ValidLabel(loginHint, maxLoginHint); err != nil { // no controls, no bidi overrides
		return domain.Errorf(domain.CodeValidation, "[body.loginHint] Invalid login hint: "+err.Error())
	}
	return nil
}
