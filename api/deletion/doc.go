// Package deletion holds the delete-account use cases, transport-free:
// a signed-in person deletes their own account with their password, with
// a fresh session, or by following a link mailed to them.
//
// Deleting is the erasure of package compliance (crypto-shredding: one
// append revokes every session, releases the email claim and records
// person.erased; then the person's data key is destroyed), called, not
// copied, so the audit chain stays valid and nothing personal stays
// readable. An emailed link is 24 random bytes whose SHA-256 only is
// recorded (person.deletion_requested) and claimed under a kind of its
// own; it works for Config.TTL (1 day), for its own person only, and the
// erasure ends it.
package deletion
