// Package passkey runs the WebAuthn ceremonies of the passkey plugin with
// go-webauthn: registration (attestation) and discoverable sign-in
// (assertion) options in Better Auth's JSON shapes, and the verification
// of the authenticator's answers against the relying party (RP ID,
// allowed origins) and the ceremony's challenge.
//
// A Ceremony is what the server keeps between the options and the answer:
// go-webauthn's session data, encoded for the signed challenge cookie.
// Its TTL is checked here with the caller's clock; its single use is the
// caller's job (the API consumes it in the log). The signature counter
// rule is the authenticator aggregate's.
package passkey
