// Package identity holds the email-and-password identity core of
// authledger: sign-up, sign-in (with the second factor asked of two-factor
// when it is on), the caller's session (get, with expiry recording and the
// sliding refresh; sign out; list; revoke one, all or the others), the
// multi-session device list, profile updates with the additional user
// fields, and password changes.
//
// The password policy, the account lockout and the additional-field
// schema are its Config; the hasher, clock and randomness come from the
// App. An unknown email hashes a dummy password so that it looks and takes
// the same as a wrong password. Every append goes through the application
// kernel (api/app); sessions are opened and revoked through api/sessions.
package identity
