package cookies

import (
	"net/http"
	"strings"

	"github.com/authledger/authledger/api/token"
)

// MaxMultiSessions caps how many multi-session cookies MultiTokens returns.
const MaxMultiSessions = 16

// maxMultiCandidates caps how many _multi- cookies are HMAC-checked, so a
// request stuffed with cookies costs bounded work.
const maxMultiCandidates = 64

// ParseRequest returns the session token a request presents. As with Better
// Auth's bearer plugin, a valid "Authorization: Bearer" credential wins: a
// raw token ("Bearer <token>", which must look like a token) or a signed one
// ("Bearer <token>.<sig>", optionally URL-encoded) whose signature verifies.
// Otherwise the signed session cookie is used. ok is false when neither
// yields a token; the token still has to be looked up by the caller.
func ParseRequest(r *http.Request, cfg Config) (token string, ok bool) {
	if token, ok := bearerToken(r, cfg); ok {
		return token, true
	}
	return ReadSigned(r, cfg, SessionToken)
}

// bearerToken reads the Authorization header the way the bearer plugin does.
func bearerToken(r *http.Request, cfg Config) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) < 7 || len(h) > MaxSignedLength*3 || !strings.EqualFold(h[:7], "bearer ") {
		return "", false
	}
	cred := strings.TrimSpace(h[7:])
	if !strings.Contains(cred, ".") {
		return cred, token.Valid(cred)
	}
	return Verify(cfg.Secret, tryDecode(cred))
}

// ReadSigned returns the verified value of the signed cookie with base name
// base (SessionToken, TwoFactor, TrustDevice, Passkey, DontRemember). The
// first cookie of that name counts, as in better-call.
func ReadSigned(r *http.Request, cfg Config, base string) (string, bool) {
	c, err := r.Cookie(cfg.Name(base))
	if err != nil {
		return "", false
	}
	return verifyCookieValue(cfg, c.Value)
}

func verifyCookieValue(cfg Config, raw string) (string, bool) {
	if len(raw) > MaxSignedLength*3 {
		return "", false
	}
	return Verify(cfg.Secret, tryDecode(raw))
}

// MultiTokens returns the session tokens of the request's multi-session
// cookies ("…session_token_multi-<lower-cased token>") whose signature
// verifies and whose name matches their token, without duplicates, in
// cookie order, at most MaxMultiSessions.
func MultiTokens(r *http.Request, cfg Config) []string {
	prefix := cfg.Name(SessionToken) + multiInfix
	var out []string
	seen := map[string]bool{}
	checked := 0
	for _, c := range r.Cookies() {
		if !strings.HasPrefix(c.Name, prefix) {
			continue
		}
		if checked++; checked > maxMultiCandidates || len(out) == MaxMultiSessions {
			break
		}
		token, ok := verifyCookieValue(cfg, c.Value)
		if !ok || seen[token] || c.Name != cfg.MultiName(token) {
			continue
		}
		seen[token] = true
		out = append(out, token)
	}
	return out
}

// ReadMulti returns the token of the request's multi-session cookie for
// sessionToken (named after its lower-cased form) when its signature
// verifies and the signed token matches the name; this is how a client
// proves a device holds a session it names.
func ReadMulti(r *http.Request, cfg Config, sessionToken string) (string, bool) {
	if !token.Valid(sessionToken) {
		return "", false
	}
	c, err := r.Cookie(cfg.MultiName(sessionToken))
	if err != nil {
		return "", false
	}
	tok, ok := verifyCookieValue(cfg, c.Value)
	if !ok || cfg.MultiName(tok) != c.Name {
		return "", false
	}
	return tok, true
}
