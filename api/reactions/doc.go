// Package reactions holds authledger's built-in reactions: log readers
// that do what an application would otherwise write hooks for, configured
// without code. Each is the Handler of its own outbox.Subscriber (package
// outbox: its own checkpoint in the read store, retries with backoff and
// jitter, give-up), run after the commands commit, on one node at a time:
//
//   - DefaultOrganization joins every new person to a default
//     organization with a default role, on sign-up or once the email
//     address is verified (Better Auth's databaseHooks.user.create.after
//     adding the user to an organization).
//   - NewDevice mails "new sign-in from a new device" when a session opens
//     from a (user agent, IP network) pair the person never signed in from
//     (Better Auth's databaseHooks.session.create.after).
//
// The welcome mail of a sign-up is the mailer's (package mailer,
// Config.Welcome); the last sign-in time, method and provider are kept
// by the knowledge projection.
//
// Delivery is at-least-once, so every reaction is idempotent per event: a
// record handled again after a crash (between its effect and the
// checkpoint) adds nobody twice (an existing member is done) and mails
// with the same Message-ID (derived from the event id). An erased person
// is skipped.
package reactions
