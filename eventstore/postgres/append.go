package postgres

import (
	"context"
	"fmt"
	"math"
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
// If the connection fails after the batch was sent the outcome is unknown
// and the error wraps ErrUnavailable: the records may have been written.
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
	b, wrote := s.batch(steps)
	if hold == nil {
		pos, err = readBatch(s.pool.SendBatch(ctx, b), steps, wrote)
		return pos, wrote, err
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return pos, false, err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if pos, err = readBatch(tx.SendBatch(ctx, b), steps, wrote); err != nil {
		return pos, false, err
	}
	if err := hold(ctx); err != nil {
		return pos, false, err
	}
	return pos, wrote, tx.Commit(ctx)
}

// batch queues the stream locks and the steps, and the raw head when no
// records are written.
func (s *Store) batch(steps []step) (b *pgx.Batch, wrote bool) {
	b = &pgx.Batch{}
	if streams := lockedStreams(steps); len(streams) > 0 {
		b.Queue(s.q.lockStreams, s.opts.Schema, streams)
		wrote = true
	}
	for _, st := range steps {
		st.queue(b, s.q)
	}
	if !wrote {
		b.Queue(s.q.rawHead)
	}
	return b, wrote
}

// readBatch reads every result and closes the batch; with an implicit
// transaction, a nil error means committed.
func readBatch(br pgx.BatchResults, steps []step, wrote bool) (eventstore.Position, error) {
	pos, err := readSteps(br, steps, wrote)
	if closeErr := br.Close(); err == nil {
		err = closeErr
	}
	return pos, err
}

// lockedStreams lists the streams that get events. Why appendTx locks them
// before writing anything:
//
// A record's position starts with its transaction's id, assigned at the
// transaction's first write. Row locks on streams alone would let two
// transactions appending to one stream take their ids in one order and the
// stream's row lock in the other, so the later version would sort first in
// the global log. Advisory locks assign no transaction id; taken by the
// batch's first statement, they make each writer of a stream get its id
// only after the previous writer of that stream has ended, and ids grow
// with time: within a stream, version order is log order.
func lockedStreams(steps []step) []string {
	var out []string
	for _, st := range steps {
		if st.kind == stepEvents {
			out = append(out, st.stream)
		}
	}
	return out
}

// readSteps reads the batch results in order and returns the position of
// the last record written (or the raw head when nothing was). The first
// error ends the reading; the server skipped the rest.
func readSteps(br pgx.BatchResults, steps []step, wrote bool) (eventstore.Position, error) {
	var last eventstore.Position
	if wrote {
		if _, err := br.Exec(); err != nil { // lockStreams
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
	if wrote {
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

// planAppend turns the requests into batch steps, in request order: the
// version check (fused with the event insert), then releases, then takes.
func planAppend(reqs []eventstore.AppendRequest) ([]step, error) {
	var steps []step
	for i, r := range reqs {
		switch {
		case len(r.Events) > 0:
			st, err := eventsStep(r)
			if err != nil {
				return nil, fmt.Errorf("%w: request %d (%q): %w", eventstore.ErrInvalidAppend, i, r.Stream, err)
			}
			steps = append(steps, st)
		case r.Expected != eventstore.Any:
			steps = append(steps, step{kind: stepCheck, stream: r.Stream, expected: r.Expected})
		}
		if len(r.Releases) > 0 {
			steps = append(steps, step{kind: stepRelease, claims: claimArrays(r.Releases)})
		}
		if len(r.Claims) > 0 {
			take, err := dedupeClaims(r.Claims)
			if err != nil {
				return nil, err
			}
			steps = append(steps, step{kind: stepTake, claims: claimArrays(take)})
		}
	}
	return steps, nil
}

// dedupeClaims drops repeated claims (one statement may not touch a row
// twice); the same value claimed for two owners in one request is a
// conflict, as it would be in two requests.
func dedupeClaims(cs []eventstore.Claim) ([]eventstore.Claim, error) {
	owners := make(map[[2]string]string, len(cs))
	out := cs[:0:0]
	for _, c := range cs {
		k := [2]string{c.Kind, c.Key}
		if owner, ok := owners[k]; ok {
			if owner != c.Owner {
				return nil, fmt.Errorf("%w: %s claim requested for two owners", eventstore.ErrClaimTaken, c.Kind)
			}
			continue
		}
		owners[k] = c.Owner
		out = append(out, c)
	}
	return out, nil
}

// eventsStep builds the fused version-check-and-insert step of a request.
func eventsStep(r eventstore.AppendRequest) (step, error) {
	n := len(r.Events)
	ev := eventArrays{
		ids: make([]string, n), types: make([]string, n), schemas: make([]int32, n),
		data: make([][]byte, n), meta: make([][]byte, n), keyRefs: make([]string, n), occurred: make([]*int64, n),
	}
	for j, e := range r.Events {
		if e.Schema > math.MaxInt32 {
			return step{}, fmt.Errorf("event %d: schema %d out of range", j, e.Schema)
		}
		ev.ids[j], ev.types[j], ev.schemas[j], ev.keyRefs[j] = e.ID, e.Type, int32(e.Schema), e.KeyRef
		ev.data[j], ev.meta[j] = []byte(e.Data), []byte(e.Meta)
		if !e.OccurredAt.IsZero() {
			ns := e.OccurredAt.UnixNano()
			ev.occurred[j] = &ns
		}
	}
	return step{kind: stepEvents, stream: r.Stream, expected: r.Expected, events: ev}, nil
}
