package postgres

import (
	"context"
	"hash/fnv"
	"slices"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
)

// appendAttempts bounds how often Append runs a transaction that the server
// aborted for a deadlock or serialization failure (always before commit,
// so nothing was written). Streams are locked in one order, but claims
// and share-locked streams are locked in request order, so two appends can
// deadlock.
const appendAttempts = 3

// Append commits all requests in one transaction; see eventstore.Store.
// Concurrent calls of fewer than directEvents events are committed together
// (group commit): a writer goroutine takes every queued call and runs them
// in one transaction, each call's statements inside its own savepoint (or,
// for single-request calls, in one statement for all; see mergedAppend), so
// a call that fails a check (ErrWrongExpectedVersion, ErrClaimTaken,
// ErrInvalidAppend) fails alone and the others share one COMMIT and one WAL
// flush; see groupTx. A call that is alone, or large, runs as one round
// trip: a pipelined batch of the stream locks and, per request, the version
// check fused with a multi-row insert of its events, the claim releases and
// the claim takes; see appendTx. Local followers are woken at once, other
// stores through NOTIFY (see notify).
//
// If ctx ends while the call is queued, nothing is written and ctx.Err() is
// returned. If the connection fails (ErrUnavailable) or ctx ends after a
// writer took the call (or, for a large call, after its batch was sent),
// the outcome is unknown: the records may have been written.
func (s *Store) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Position{}, err
	}
	if err := eventstore.ValidateAppend(reqs); err != nil {
		return eventstore.Position{}, err
	}
	steps, err := planAppend(reqs)
	if err != nil {
		return eventstore.Position{}, err
	}
	return s.runSteps(ctx, steps, countEvents(reqs))
}

// runSteps commits the planned steps of one call of events events: in a
// group, or alone when large (see Append).
func (s *Store) runSteps(ctx context.Context, steps []step, events int) (eventstore.Position, error) {
	if events >= directEvents {
		return s.appendRetry(ctx, steps, nil)
	}
	return s.submit(ctx, steps)
}

// directEvents is the number of events from which an Append call runs in
// its own transaction instead of a group: one commit is then a small part
// of its cost, and its own connection lets the server work on several
// large appends at once.
const directEvents = 16

// countEvents counts the events of all requests.
func countEvents(reqs []eventstore.AppendRequest) int {
	n := 0
	for _, r := range reqs {
		n += len(r.Events)
	}
	return n
}

// appendRetry runs appendTx, again after a deadlock or serialization
// failure. hold, when not nil, runs inside the transaction just before
// COMMIT (tests hold a transaction open with it).
func (s *Store) appendRetry(ctx context.Context, steps []step, hold func(context.Context) error) (eventstore.Position, error) {
	for attempt := 1; ; attempt++ {
		pos, wrote, err := s.appendTx(ctx, steps, hold)
		if err == nil {
			if wrote {
				s.wake.wake()
				s.requestNotify()
			}
			return pos, nil
		}
		if !isRetryable(err) || attempt == appendAttempts || ctx.Err() != nil {
			return eventstore.Position{}, s.fail(ctx, "append", err)
		}
		time.Sleep(time.Duration(attempt) * time.Millisecond)
	}
}

// appendTx runs the planned steps as one pipelined batch: without hold,
// in the implicit transaction that the extended protocol gives a batch
// ending in one Sync, so the whole append is one round trip and any failed
// check (an error raised by its statement) rolls everything back. With
// hold, in an explicit transaction that waits for hold before COMMIT.
// wrote reports that records were appended.
func (s *Store) appendTx(ctx context.Context, steps []step, hold func(context.Context) error) (pos eventstore.Position, wrote bool, err error) {
	b, locks := s.batch(steps)
	wrote = len(locks) > 0
	if hold == nil {
		pos, err = readBatch(s.pool.SendBatch(ctx, b), locks, steps)
		return pos, wrote, err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return pos, false, err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if pos, err = readBatch(tx.SendBatch(ctx, b), locks, steps); err != nil {
		return pos, false, err
	}
	if err := hold(ctx); err != nil {
		return pos, false, err
	}
	return pos, wrote, tx.Commit(ctx)
}

// batch queues the stream locks and the steps (see queueJob).
func (s *Store) batch(steps []step) (b *pgx.Batch, locks []int64) {
	b = &pgx.Batch{}
	locks = streamLockKeys(s.opts.Schema, steps)
	if len(locks) > 0 {
		b.Queue(s.q.lockStreams, locks)
	}
	queueJob(b, s.q, steps)
	return b, locks
}

// queueJob queues the steps of one Append call, and the raw head when it
// writes no records.
func queueJob(b *pgx.Batch, q queries, steps []step) {
	for _, st := range steps {
		st.queue(b, q)
	}
	if !writes(steps) {
		b.Queue(q.rawHead)
	}
}

// writes reports whether the steps append records.
func writes(steps []step) bool {
	for _, st := range steps {
		if st.kind == stepEvents {
			return true
		}
	}
	return false
}

// readBatch reads every result and closes the batch; with an implicit
// transaction, a nil error means committed.
func readBatch(br pgx.BatchResults, locks []int64, steps []step) (eventstore.Position, error) {
	pos, err := readSteps(br, locks, steps)
	if closeErr := br.Close(); err == nil {
		err = closeErr
	}
	return pos, err
}

// streamLockKeys returns the advisory lock keys of the streams that get
// events, sorted and without repeats, so appends take them in one order and
// do not deadlock on each other. Why appendTx takes them before writing
// anything:
//
// A record's position starts with its transaction's id, assigned at the
// transaction's first write. Row locks on streams alone would let two
// transactions appending to one stream take their ids in one order and the
// stream's row lock in the other, so the later version would sort first in
// the global log. Advisory locks assign no transaction id; taken by the
// batch's first statements, they make each writer of a stream get its id
// only after the previous writer of that stream has ended, and ids grow
// with time: within a stream, version order is log order. (Two streams
// whose keys collide, one chance in 2^64, merely share a lock.) A group
// transaction (groupTx) takes the locks of all its calls' streams the same
// way, before its first write.
func streamLockKeys(schema string, steps []step) []int64 {
	var keys []int64
	for _, st := range steps {
		if st.kind == stepEvents {
			h := fnv.New64a()
			_, _ = h.Write([]byte(schema + "\x00" + st.stream))
			keys = append(keys, int64(h.Sum64()))
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// readSteps reads the batch results in order and returns the position of
// the last record written (or the raw head when nothing was). The first
// error ends the reading; the server skipped the rest.
func readSteps(br pgx.BatchResults, locks []int64, steps []step) (eventstore.Position, error) {
	if len(locks) > 0 {
		if _, err := br.Exec(); err != nil {
			return eventstore.Position{}, err
		}
	}
	return readJob(br, steps)
}

// readJob reads the results of what queueJob queued.
func readJob(br pgx.BatchResults, steps []step) (eventstore.Position, error) {
	var last eventstore.Position
	for _, st := range steps {
		p, err := st.read(br)
		if err != nil {
			return eventstore.Position{}, err
		}
		if last.Less(p) {
			last = p
		}
	}
	if writes(steps) {
		return last, nil
	}
	err := br.QueryRow().Scan(&last.Hi, &last.Lo)
	return last, err
}

// isRetryable reports a deadlock or serialization failure.
func isRetryable(err error) bool {
	switch sqlState(err) {
	case "40001", "40P01":
		return true
	}
	return false
}
