// Package compliance holds the use cases of the compliance surface:
// reading the audit trail (filtered pages, a streaming NDJSON or CSV
// export, an aggregate's state as of a point of the log), verifying the
// tamper-evident hash chain and exporting its signed checkpoints,
// erasing a person (crypto-shredding: their own key and the invitee key
// of every address they held) or an invited address (ForgetEmail),
// replaying the projections as they stood at a point of the log, and the
// access review (who could sign in and who held which role at a point,
// folded from the log with the aggregates' own Evolve functions).
//
// Every read of the trail is itself in the trail: it appends audit.read
// (through the command pipeline) naming the reader and the filter set.
// Only a forensic check (Verify or Checkpoints with Forensic set, as the
// CLI runs them on stopped stores and copies) writes nothing.
//
// The capabilities that depend on the adapters — the chain verifier, the
// checkpoint store and the read-store scrubber — are explicit Deps set by
// the composition root; nil means the capability is not available
// (CodeChainUnsupported for the chain, nothing to scrub for the scrubber).
// Nothing here knows about HTTP: the Echo layer (audithttp) and the CLI
// call the same functions.
package compliance
