// Package cookies implements Better Auth's signed cookies and session token
// transport: HMAC-SHA256 signing in better-call's format, the exact
// Set-Cookie strings Better Auth 1.7.25 sends (session, dont_remember,
// multi-session, expiry), reading the session token from the cookie or an
// Authorization: Bearer header, and the 32-character token generator.
//
// The package uses net/http types only, so it works under any router.
//
// Why no cookie library: the HMAC is crypto/hmac's, but the signed form
// (value "." standard base64 of HMAC-SHA256, URL-encoded as JavaScript's
// encodeURIComponent does) and the attribute order of each Set-Cookie
// line are better-call's, which Better Auth clients and the conformance
// transcripts depend on byte for byte. gorilla/securecookie signs a
// different envelope (timestamp|value|MAC, URL-safe base64) and
// net/http.Cookie.String orders and spells attributes its own way, so
// neither can produce these cookies.
package cookies
