// Package mfa holds the two-factor use cases of authledger (Better Auth's
// twoFactor plugin, TOTP method): enrolment (enable, then a first code),
// the TOTP URI, backup codes, disabling, and the second step of a password
// sign-in.
//
// It decides, from plain values, what the transport's cookies mean: whether
// a pending sign-in challenge is still valid, and whether a trusted device
// may skip the second factor given the person's two-factor state and the
// time of their last password change. Carrying those values (signing and
// parsing cookies) is the transport's job. Every append goes through the
// application kernel (api/app); every refused code is an event too, so
// concurrent guesses are counted exactly.
package mfa
