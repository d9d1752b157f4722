package cookies

import "time"

// NoMaxAge passed to SignedCookie leaves out Max-Age (a browser-session
// cookie).
const NoMaxAge time.Duration = -1

// SignedCookie returns the Set-Cookie value for a signed cookie with base
// name base (see the name constants), URL-encoded like better-call does.
func (c Config) SignedCookie(base, value string, maxAge time.Duration) string {
	return c.serialize(c.Name(base), EncodeURIComponent(Sign(c.Secret, value)), maxAge)
}

// SessionCookie returns the session_token Set-Cookie value. With remember
// false (rememberMe:false) it has no Max-Age, so it ends with the browser
// session.
func (c Config) SessionCookie(token string, remember bool) string {
	maxAge := c.maxAge()
	if !remember {
		maxAge = NoMaxAge
	}
	return c.SignedCookie(SessionToken, token, maxAge)
}

// DontRememberCookie returns the signed "dont_remember=true" cookie sent
// with a rememberMe:false session cookie.
func (c Config) DontRememberCookie() string {
	return c.SignedCookie(DontRemember, "true", NoMaxAge)
}

// MultiSessionCookie returns the multi-session plugin cookie for token.
// It follows rememberMe like the session cookie: with remember false it
// has no Max-Age and ends with the browser session. (Better Auth gives it
// the full Max-Age even then, which keeps a "don't remember me" session
// usable from the device for a week; we deliberately do not.)
func (c Config) MultiSessionCookie(token string, remember bool) string {
	maxAge := c.maxAge()
	if !remember {
		maxAge = NoMaxAge
	}
	return c.serialize(c.MultiName(token), EncodeURIComponent(Sign(c.Secret, token)), maxAge)
}

// SignInCookies returns the cookies of a successful sign-in or sign-up in
// Better Auth's order: session_token, dont_remember (rememberMe:false only),
// then the multi-session cookie (which, like session_token, has no Max-Age
// for rememberMe:false).
func (c Config) SignInCookies(token string, remember bool) []string {
	out := []string{c.SessionCookie(token, remember)}
	if !remember {
		out = append(out, c.DontRememberCookie())
	}
	return append(out, c.MultiSessionCookie(token, remember))
}

// AuthToken returns the set-auth-token header value for token (the signed
// value, not URL-encoded).
func (c Config) AuthToken(token string) string {
	return Sign(c.Secret, token)
}

// ExpireCookie returns the Set-Cookie value that deletes the cookie with
// base name base: "name=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax".
func (c Config) ExpireCookie(base string) string {
	return c.serialize(c.Name(base), "", 0)
}

// ExpireMultiSessionCookie deletes the multi-session cookie of token.
func (c Config) ExpireMultiSessionCookie(token string) string {
	return c.serialize(c.MultiName(token), "", 0)
}

// ExpireSessionCookies returns the trio Better Auth sends on sign-out and
// when a presented session is invalid: session_token, session_data,
// dont_remember, in that order.
func (c Config) ExpireSessionCookies() []string {
	return []string{c.ExpireCookie(SessionToken), c.ExpireCookie(SessionData), c.ExpireCookie(DontRemember)}
}
