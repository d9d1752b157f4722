// Package verification holds the email-verification use cases,
// transport-free: mailing a verification link (on request, after sign-up,
// on a refused sign-in) and proving an address by following it.
//
// A token is 24 random bytes (package maillink); the log keeps only its
// SHA-256, in a person.email_verification_requested event that binds it
// to the person and to the address it was mailed to, and claimed (as an
// HMAC) by the person's stream under a kind that binds it to its purpose:
// a password-reset token is no verification token. A new link supersedes
// the pending one (its claim is released in the same append); proving the
// address releases the claim too, so a link works once, for Config.TTL
// (1 h), and never after the address changed. Links are built on the
// configured base URL only, never on a request's Host.
//
// A request without a session is answered before any lookup, alike for
// known, unknown and already verified addresses: the lookup, the append
// and the mail run on a bounded background pool.
package verification
