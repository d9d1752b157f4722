// Package cookies implements Better Auth's signed cookies and session token
// transport: HMAC-SHA256 signing in better-call's format, the exact
// Set-Cookie strings Better Auth 1.7.25 sends (session, dont_remember,
// multi-session, expiry), reading the session token from the cookie or an
// Authorization: Bearer header, and the 32-character token generator.
//
// The package uses net/http types only, so it works under any router.
package cookies
