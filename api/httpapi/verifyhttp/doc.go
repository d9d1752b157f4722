// Package verifyhttp serves Better Auth's email-verification routes:
// POST /send-verification-email, GET /verify-email and POST /change-email
// (whose links /verify-email follows too). Handlers only
// decode, call one use case of api/verification and encode.
//
// /verify-email answers like Better Auth: with a callbackURL, a redirect
// there (with ?error=CODE on failure); without one, {status, user:null}
// on success and a 401 with the code on failure (a status of its own for
// this route: elsewhere INVALID_TOKEN is a 400).
package verifyhttp
