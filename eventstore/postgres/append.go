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
// The whole call is one round trip: a pipelined batch of the stream locks
// and, per request, the version check fused with a multi-row insert of its
// events, the claim releases and the claim takes; see appendTx. Local
// followers are woken at once, other stores through NOTIFY (see notify).
// If the connection fails (ErrUnavailable) or ctx ends after the batch was
// sent, the outcome is unknown: the records may have been written.
func (s *Store) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Position{}, err
	}
	if err := eventstore.ValidateAppend(reqs); err != nil {
		return eventstore.Position{}, err
	}
	return s.appendRetry(ctx, reqs, nil)
}

// appendRetry runs appendTx, again after a deadlock or serialization
// failure. hold, when not nil, runs inside the transaction just before
// COMMIT (tests hold a transaction open with it).
func (s *Store) appendRetry(ctx context.Context, reqs []eventstore.AppendRequest, hold func(context.Context) error) (eventstore.Position, error) {
	steps, err := planAppend(reqs)
	if err != nil {
		return eventstore.Position{}, err
	}
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

// batch queues the stream locks and the steps, and the raw head when no
// records are written (no locks).
func (s *Store) batch(steps []step) (b *pgx.Batch, locks []int64) {
	b = &pgx.Batch{}
	locks = streamLockKeys(s.opts.Schema, steps)
	for _, k := range locks {
		b.Queue(s.q.lockStream, k)
	}
	for _, st := range steps {
		st.queue(b, s.q)
	}
	if len(locks) == 0 {
		b.Queue(s.q.rawHead)
	}
	return b, locks
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
// whose keys collide, one chance in 2^64, merely share a lock.)
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
	var last eventstore.Position
	for range locks {
		if _, err := br.Exec(); err != nil {
			return last, err
		}
	}
	for _, st := range steps {
		p, err := st.read(br)
		if err != nil {
			return eventstore.Position{}, err
		}
		if last.Less(p) {
			last = p
		}
	}
	if len(locks) > 0 {
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
