// Package sessions holds the session use cases every sign-in path shares:
// opening a session for a fresh token, resolving a token through the
// in-memory session index, the sliding refresh, expiry, listing, and
// revocation (one, others, all, or all then a fresh one). Other use-case
// packages (sign-in, two-factor, passkeys, password reset, organizations)
// open and revoke sessions through it.
package sessions
