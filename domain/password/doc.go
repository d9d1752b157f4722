// Package password holds authledger's password capability: Argon2id hashing
// in the PHC string format, a hardened PHC parser, a bounded-concurrency
// Hasher that verifies with the stored parameters and reports when a hash
// needs upgrading, and the password policy (length in code points, a bundled
// common-password blocklist, context words).
//
// Everything here is pure except Hasher, which draws salts from an io.Reader
// (crypto/rand by default) and bounds how many hashes run at once, because
// each Argon2id hash holds Params.Memory KiB of RAM for its whole duration.
package password
