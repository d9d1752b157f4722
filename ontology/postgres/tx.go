package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

// maxQueued bounds the statements (or event rows) a transaction holds
// before sending them, which bounds its memory on huge batches.
const maxQueued = 2000

// copyMin is the number of buffered event rows from which they are sent
// with COPY (cheaper per row for the server) rather than as INSERTs in the
// batch (no extra round trip).
const copyMin = 32

// tx is one write transaction against the live tables or the shadow ones
// (q). Writes are queued in a pgx.Batch and sent in one pipelined round
// trip together with the next read, or at Commit; pgx prepares each
// distinct statement once per connection. A staging's transactions (those
// with a stage cache) hand what they send to a flusher and go on (see
// flusher).
type tx struct {
	tx      pgx.Tx
	q       *queries
	batch   *pgx.Batch
	events  [][]any // numbered audit rows not sent yet
	run     putRun  // upserts of one table not in batch yet
	nextSeq int64   // the Seq the next AppendEvent of Seq 0 gets; 0 = not read yet
	err     error   // sticky: a sent batch failed and PostgreSQL aborted the transaction
	done    bool
	cache   *stageCache // a staging's committed rows (stageCache); nil on the live tables
	wrote   rowSet      // this transaction's writes to the cached tables, for cache
	fl      *flusher    // a staging's, running while its writes may be in flight
	// committed, when set, runs after an acknowledged commit (a staging's
	// count of its commits, stagecommits.go).
	committed func()
}

// newTx wraps an open pgx transaction.
func newTx(t pgx.Tx, q *queries) *tx {
	return &tx{tx: t, q: q, batch: &pgx.Batch{}}
}

// usable reports why the transaction can take no more statements.
func (x *tx) usable(ctx context.Context) error {
	switch {
	case x.done:
		return fmt.Errorf("postgres: %w", pgx.ErrTxClosed)
	case x.err != nil:
		return x.err
	case x.fl != nil:
		if err := x.fl.failed(); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// exec queues a write; it is sent with the next read, at Commit, or when
// maxQueued statements are waiting.
func (x *tx) exec(ctx context.Context, sql string, args ...any) error {
	if err := x.usable(ctx); err != nil {
		return err
	}
	x.flushPuts()
	x.batch.Queue(sql, args...)
	if x.batch.Len() >= maxQueued {
		return x.send(ctx)
	}
	return nil
}

// send writes the buffered audit rows (with COPY when there are many) and
// runs the queued statements in one round trip; a staging's transaction
// hands them to its flusher instead.
func (x *tx) send(ctx context.Context) error {
	var rows [][]any
	if len(x.events) >= copyMin {
		rows, x.events = x.events, nil
	}
	x.spillEvents()
	x.flushPuts()
	if rows == nil && x.batch.Len() == 0 {
		return nil
	}
	b := x.batch
	x.batch = &pgx.Batch{}
	if x.cache == nil { // the live tables: write them now
		x.err = writeOut(ctx, x.tx, x.q.schema, rows, b)
		return x.err
	}
	if x.fl == nil {
		x.fl = newFlusher(x.tx, x.q.schema)
	}
	if err := x.fl.submit(ctx, rows, b); err != nil {
		x.err = err // these writes are lost: the transaction must not commit
		return err
	}
	return nil
}

// settle waits for the flusher, if any, to write everything handed over.
func (x *tx) settle(ctx context.Context) error {
	if x.fl == nil {
		return nil
	}
	if err := x.fl.sync(ctx); err != nil {
		x.err = err
		return err
	}
	return nil
}

// stopFlusher ends the flusher, if any, and returns its first failure.
func (x *tx) stopFlusher() error {
	if x.fl == nil {
		return nil
	}
	fl := x.fl
	x.fl = nil
	return fl.stop()
}

// spillEvents queues the buffered audit rows as INSERTs, keeping their
// order with the statements queued after them.
func (x *tx) spillEvents() {
	for _, row := range x.events {
		x.batch.Queue(x.q.insertEvent, row...)
	}
	x.events = nil
}

// queryRow sends the queued writes followed by one single-row query and
// scans its row with scan. No row maps to ontology.ErrNotFound.
func (x *tx) queryRow(ctx context.Context, scan func(pgx.Row) error, sql string, args ...any) error {
	if err := x.usable(ctx); err != nil {
		return err
	}
	var scanErr error
	x.flushPuts()
	x.batch.Queue(sql, args...).QueryRow(func(row pgx.Row) error {
		scanErr = notFound(scan(row))
		return nil
	})
	if err := x.send(ctx); err != nil {
		return err
	}
	if err := x.settle(ctx); err != nil {
		return err
	}
	if scanErr != nil && !errors.Is(scanErr, ontology.ErrNotFound) {
		x.err = fmt.Errorf("postgres: read: %w", mapErr(scanErr))
		return x.err
	}
	return scanErr
}

// Commit sends the queued writes and commits rows and checkpoints together.
func (x *tx) Commit() error {
	ctx := context.Background()
	if err := x.usable(ctx); err != nil {
		x.finish(ctx)
		return err
	}
	if err := x.send(ctx); err != nil {
		x.finish(ctx)
		return err
	}
	if err := x.stopFlusher(); err != nil {
		x.finish(ctx)
		return err
	}
	x.done = true
	if err := x.tx.Commit(ctx); err != nil {
		if x.cache != nil {
			x.cache.clear() // the commit may have happened: only the database knows
		}
		return fmt.Errorf("postgres: commit: %w", mapErr(err))
	}
	if x.cache != nil {
		x.cache.commit(&x.wrote)
	}
	if x.committed != nil {
		x.committed()
	}
	return nil
}

// Rollback discards the transaction and its queued writes.
func (x *tx) Rollback() error {
	if x.done {
		return fmt.Errorf("postgres: %w", pgx.ErrTxClosed)
	}
	return x.finish(context.Background())
}

// finish rolls back and marks the transaction done.
func (x *tx) finish(ctx context.Context) error {
	x.done = true
	_ = x.stopFlusher() // the rollback discards what it wrote
	x.batch, x.events, x.run, x.wrote = &pgx.Batch{}, nil, putRun{}, rowSet{}
	if err := x.tx.Rollback(ctx); err != nil && !errors.Is(err, pgx.ErrTxClosed) {
		return fmt.Errorf("postgres: rollback: %w", mapErr(err))
	}
	return nil
}

// Checkpoint reads a projector's position as this transaction sees it.
func (x *tx) Checkpoint(ctx context.Context, projector string) (string, error) {
	if !storable(projector) {
		return "", x.usable(ctx)
	}
	if pos, ok := x.cachedCheckpoint(projector); ok {
		return pos, x.usable(ctx)
	}
	var pos string
	err := x.queryRow(ctx, func(r pgx.Row) error { return r.Scan(&pos) }, x.q.checkpoint, projector)
	if errors.Is(err, ontology.ErrNotFound) {
		return "", nil
	}
	return pos, err
}

// Checkpoints reads several projectors' positions in one statement; see
// ontology.CheckpointsReader.
func (x *tx) Checkpoints(ctx context.Context, projectors []string) (map[string]string, error) {
	out := make(map[string]string, len(projectors))
	var ask []string
	for _, p := range projectors {
		if !storable(p) {
			continue // never stored: no position, as Checkpoint answers
		}
		if pos, ok := x.cachedCheckpoint(p); ok {
			out[p] = pos
		} else {
			ask = append(ask, p)
		}
	}
	if len(ask) == 0 {
		return out, x.usable(ctx)
	}
	var names, positions []string
	err := x.queryRow(ctx, func(r pgx.Row) error { return r.Scan(&names, &positions) }, x.q.checkpoints, ask)
	if err != nil {
		return nil, err
	}
	for i, n := range names {
		out[n] = positions[i]
	}
	return out, nil
}

// SetCheckpoint records a projector's position in this transaction.
func (x *tx) SetCheckpoint(ctx context.Context, projector, position string) error {
	if err := checkText(projector, position); err != nil {
		return err
	}
	if err := x.exec(ctx, x.q.setCheckpoint, projector, position, time.Now()); err != nil {
		return err
	}
	x.rememberCheckpoint(projector, position)
	return nil
}

var _ ontology.CheckpointsReader = (*tx)(nil)
