// Package outbox is a reusable log subscriber with a checkpoint and
// retries: the event log is the outbox. A Subscriber follows the log
// after its checkpoint, hands every record its Handler wants to the
// Handler, and moves the checkpoint only once the Handler succeeded (or
// gave up for good). A failing record is retried with exponential
// backoff and full jitter up to Retry.Attempts, then logged, counted
// (OnGiveUp) and passed, so one bad record never stops the others for
// ever.
//
// Delivery is at-least-once: a crash after a Handler's side effect and
// before the checkpoint moved repeats that record after the restart, so
// a Handler must be idempotent or let its receiver recognise a repeat
// (the mailer gives every message a Message-ID derived from the event).
// Nothing here runs inside a command: commands append and answer; the
// subscriber catches up after the commit, on one node at a time (the
// caller runs it under the cluster's leader election).
//
// A subscriber without a checkpoint starts at the log's head and records
// it at once: a new deployment does not replay the history's side
// effects, and a lost checkpoint (a wiped read store) costs at most what
// was still unhandled then. A projections rebuild keeps the checkpoint
// when the runner is told its name (projections.Options.KeepCheckpoints).
//
// The clock is injected (Sleep, Jitter), so retries are tested without
// waiting.
package outbox
