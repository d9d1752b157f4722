// Package passkeyhttp is the HTTP surface of the passkey plugin: the seven
// /passkey/... routes of Better Auth under /api/auth. Each handler decodes
// the request strictly (with Better Auth's messages), calls one use case
// of api/passkeys and encodes the answer.
//
// The ceremony between the options and the answer travels in the signed
// better-auth.better-auth-passkey cookie: this package signs, reads and
// expires it; the use cases make it single-use in the log.
package passkeyhttp
