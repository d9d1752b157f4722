// Package recovery holds the password-reset use cases, transport-free:
// requesting a reset link by email, following the link, and setting a new
// password with its token.
//
// A request is answered before any lookup: RequestReset only validates the
// address and hands the work (account lookup, recording the token) to a
// bounded set of background workers, so neither the answer nor its
// timing tells a known address from an unknown one. At most MaxPending
// requests are worked on at once; beyond that a request is dropped and
// logged, never queued, so a flood cannot pile up goroutines.
//
// The mail is not sent here: the outbox mailer (api/mailer) reads the
// recorded event and sends the link after the commit, retrying a failed
// send. The token is 24 bytes derived from the server secret and the
// event's mail id (api/maillink), so the mailer can re-create it; the
// log keeps only its SHA-256, claimed (as
// an HMAC) by its account under a purpose-bound claim kind. It is valid
// for Config.TTL (1 h), once, for resetting a password only; the reset
// revokes every session of the person and opens none. Links are built
// from the configured base URL only, never from a request's Host.
package recovery
