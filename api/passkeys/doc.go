// Package passkeys holds the passkey use cases (Better Auth's passkey
// plugin), transport-free: the WebAuthn ceremonies of registration and of
// discoverable sign-in, verified through domain/passkey (go-webauthn)
// against the relying party of Config, and the management of a person's
// passkeys (list, rename, delete on a fresh session).
//
// The transport keeps a ceremony between its options and the answer (the
// HTTP layer in a signed cookie) and hands it back; this package makes it
// single-use in the log: the challenge is claimed in the same append as
// the ceremony's outcome (the registered passkey, or the sign-in with its
// session, or a refused counter, recorded as an audit event). A credential
// id is claimed by the person it is registered to, so a sign-in finds its
// person by claim lookup, never through a projection.
package passkeys
