// Package anchor anchors the audit chain's signed checkpoints outside the
// operator's reach with RFC 3161 time-stamps: a Time-Stamping Authority
// (TSA) signs "this digest existed at this time" with a key the operator
// does not hold. A checkpoint's signature proves only that whoever holds
// the chain key signed it; an administrator holding that key can rewrite
// the log, re-chain it and re-sign every checkpoint. He cannot obtain a
// TSA token dated in the past for the rewritten checkpoints, so the old
// tokens no longer match and Verify reports it.
//
// The message imprint of a checkpoint is SHA-256 (or the configured hash)
// of chain.SignedMessage(cp): it binds the chain hash, the count, the
// position and the signing time. Anchorer requests a token for every
// checkpoint that has none, stores it beside the checkpoint
// (chain.AnchorStore) and retries failures at its next pass: anchoring
// never blocks a sign-in or an append. Verify checks each token: the
// imprint, the TSA's signature, the TSA certificate chain up to the
// configured trust bundle with the timeStamping extended key usage, a
// time not before the checkpoint's (allowing clock skew) and times
// increasing with the checkpoints.
//
// Requests and responses are built and parsed with
// github.com/digitorus/timestamp (the library sigstore's
// timestamp-authority uses) and its PKCS #7 companion; this package adds
// only the HTTP exchange, the storage and the verification policy.
package anchor
