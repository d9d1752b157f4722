// Package operatorkeys is the use cases of named operator keys: bearer
// credentials for the operator surface (/v1 and /metrics), each carrying
// scopes, an optional expiry and revocation (the aggregate is
// domain/operatorkey).
//
// A key is shown once, at creation, as alk_<id>_<secret>: the id finds the
// key in the in-memory Index (fed only by the event log, like the session
// index, so every node converges and a revocation is effective on a node
// as soon as it reads the log, at once on the node that decided it), and
// the 256-bit secret is compared, as SHA-256, in constant time. SHA-256 and
// not Argon2id: the secret is drawn from crypto/rand with 256 bits of
// entropy, so there is nothing for a slow hash to protect against
// guessing, while a slow hash would be paid on every operator request.
//
// Last use is kept in memory on every authenticated request and persisted
// as operatorkey.used (in a stream of its own) at most once per key per
// UsageGranularity on each node: an event per request would grow the log
// with every metrics scrape, and a minute is precise enough to tell an
// unused key.
package operatorkeys
