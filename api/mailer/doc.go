// Package mailer sends authledger's mail from the event log: it is the
// mail-specific Handler of an outbox.Subscriber (package outbox). For each
// mail-bearing event — password reset, email verification, change-email
// approval and proof, delete-account confirmation, two-factor email code,
// organization invitation, and the welcome of a sign-up when configured
// (Config.Welcome) — it composes the message and sends it through
// the flow's SMTP sender, after the command committed and answered.
//
// No secret waits in the clear for its mail: a link token or code is
// re-created from the server secret and the event's mail id (package
// maillink), the log keeping only its hash; the recipient is the event's
// sealed address or the person's current one, decrypted at send time. An
// erased person gets nothing (their sealed fields no longer open), nor does
// an expired link, a legacy event without a mail id, or an invitation no
// longer pending.
//
// Delivery is at-least-once: every message carries a Message-ID derived
// from the event id (<event-id@base-host>), so a message sent again after a
// crash between the send and the checkpoint is recognisable as the same.
// Invitation mail links the hosted page <base-url>/ui/accept-invitation?id=<id>.
package mailer
