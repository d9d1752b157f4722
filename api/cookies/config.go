package cookies

import (
	"strconv"
	"strings"
	"time"
)

// Cookie base names (after the "better-auth." prefix) that Better Auth uses.
const (
	SessionToken = "session_token"
	SessionData  = "session_data"
	DontRemember = "dont_remember"
	TwoFactor    = "two_factor"
	TrustDevice  = "trust_device"
	Passkey      = "better-auth-passkey"
)

// Prefixes of cookie names.
const (
	// Prefix starts every cookie name.
	Prefix = "better-auth."
	// SecurePrefix is added in front of every name when the base URL is https.
	SecurePrefix = "__Secure-"
	// multiInfix joins the session cookie name and a lower-cased token.
	multiInfix = "_multi-"
)

// DefaultMaxAge is the session cookie lifetime (and session lifetime)
// Better Auth uses by default: 7 days.
const DefaultMaxAge = 7 * 24 * time.Hour

// Config carries what the cookie builders and parsers need.
type Config struct {
	// Secret is the HMAC key (Better Auth's BETTER_AUTH_SECRET).
	Secret []byte
	// Secure is true when the base URL is https: names get the __Secure-
	// prefix and cookies the Secure attribute.
	Secure bool
	// MaxAge is the session cookie lifetime; zero means DefaultMaxAge.
	MaxAge time.Duration
}

// Name returns the full cookie name for a base name such as SessionToken:
// "better-auth.session_token", or "__Secure-better-auth.session_token".
func (c Config) Name(base string) string {
	if c.Secure {
		return SecurePrefix + Prefix + base
	}
	return Prefix + base
}

// MultiName returns the multi-session cookie name for token:
// "better-auth.session_token_multi-<lower-cased token>".
func (c Config) MultiName(token string) string {
	return c.Name(SessionToken) + multiInfix + strings.ToLower(token)
}

func (c Config) maxAge() time.Duration {
	if c.MaxAge <= 0 {
		return DefaultMaxAge
	}
	return c.MaxAge
}

// serialize writes a Set-Cookie value with better-call's attribute order:
// name=value; Max-Age; Path=/; HttpOnly; Secure; SameSite=Lax. A negative
// maxAge leaves Max-Age out (a browser-session cookie).
func (c Config) serialize(name, encodedValue string, maxAge time.Duration) string {
	var b strings.Builder
	b.Grow(len(name) + len(encodedValue) + 64)
	b.WriteString(name)
	b.WriteByte('=')
	b.WriteString(encodedValue)
	if maxAge >= 0 {
		b.WriteString("; Max-Age=")
		b.WriteString(strconv.FormatInt(int64(maxAge/time.Second), 10))
	}
	b.WriteString("; Path=/; HttpOnly")
	if c.Secure {
		b.WriteString("; Secure")
	}
	b.WriteString("; SameSite=Lax")
	return b.String()
}
