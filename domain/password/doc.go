// Package password holds authledger's password capability: Argon2id hashing
// in the PHC string format, a hardened PHC parser, a bounded-concurrency
// Hasher that verifies with the stored parameters and reports when a hash
// needs upgrading, and the password policy (length in code points, a bundled
// common-password blocklist, context words).
//
// Everything here is pure except Hasher, which draws salts from an io.Reader
// (crypto/rand by default) and bounds how many hashes run at once, because
// each Argon2id hash holds Params.Memory KiB of RAM for its whole duration.
//
// Libraries and what is ours: Argon2id itself is golang.org/x/crypto/argon2,
// in the copy of argon2id/ that reuses its working memory across hashes
// (the library allocates 19 MiB per hash and has no way to take memory;
// the copy's output is tested equal to the library's), and the strength
// estimate is github.com/trustelem/zxcvbn. The PHC string
// encoding is written here because x/crypto has none, and the common
// wrapper (alexedwards/argon2id) parses stored hashes with fmt.Sscanf and
// hands their memory and pass counts to Argon2 unbounded, so one hostile or
// corrupt stored hash could make a sign-in allocate gigabytes; ParsePHC
// bounds the input's length before any work and every parameter before
// hashing.
package password
