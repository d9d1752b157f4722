// Package chain makes the event log tamper-evident: a hash chain over the
// stored records in global order, extended by one follower (Chainer) off the
// hot path, with Ed25519-signed checkpoints, and Verify, which recomputes the
// chain from the records and reports the first broken position and why.
//
// # Links
//
// The chain has one link per record, in ReadAll order:
//
//	link₀ = 32 zero bytes
//	linkₙ = SHA-256(linkₙ₋₁ ‖ canonical bytes of recordₙ)
//
// Links hash the record exactly as stored — sealed PII stays ciphertext —
// so destroying a person's data key (crypto-shredding) never breaks the
// chain, and verifying needs no keys but the checkpoint public key.
//
// # Canonical bytes (version 1)
//
// AppendCanonical encodes every field of eventstore.Record, integers
// big-endian, byte strings prefixed with their length as a uint32:
//
//	0x01                                    encoding version
//	Position.Hi uint64, Position.Lo uint64
//	len ‖ ID, len ‖ Stream, Version uint64, len ‖ Type, Schema int64
//	len ‖ Data, len ‖ Meta, len ‖ KeyRef    Data and Meta as stored (ciphertext)
//	OccurredAt, RecordedAt                  each 0x00 for the zero time, or
//	                                        0x01 ‖ Unix seconds int64 ‖ nanoseconds uint32
//
// A nil and an empty Meta encode alike (length 0). A new encoding gets a new
// version byte; the chain never mixes versions.
//
// # Checkpoints
//
// Every Options.CheckpointEvery links or Options.CheckpointInterval, the
// Chainer signs the chain head: Ed25519 over SignedMessage (a domain
// separator, the position, the link, the number of links and the signing
// time). Checkpoints are stored next to the links and exported with
// Store.Checkpoints; an exported copy kept elsewhere also catches a wholesale
// rewrite of the log, links and stored checkpoints together (pass it to
// Verify). The chain catches any edit of the records it covers; checkpoints
// catch a tail cut off together with its links, and rewritten links.
//
// Adapters implement Store (eventstore/sqlite, eventstore/postgres) and run
// the shared suite in chain/chaintest.
//
// # Libraries
//
// SHA-256 and Ed25519 are the standard library's. The canonical encoding
// is written here because the chain needs bytes that never change for a
// given record, in every future version of the program: a general
// serializer (encoding/json, CBOR) promises values, not byte-for-byte
// output across its releases, and a silent change would break every link.
//
// # Wiring
//
//	key, _, err := chain.LoadOrCreateKey(filepath.Join(dataDir, "chain.key"))
//	// or chain.ParsePrivateKey(configuredPEM), or chain.DeriveKey(secret)
//	cs := store.(chain.Chained).Chain()
//	chainer, err := chain.NewChainer(store, cs, key, chain.Options{})
//	go chainer.Run(ctx) // one per store; restart it when it returns early
//	rep, err := chain.Verify(ctx, store, cs, key.Public().(ed25519.PublicKey), after, to)
//	// rep.OK, rep.BrokenAt, rep.Reason, rep.Detail; cs.Checkpoints(ctx) to export
package chain
