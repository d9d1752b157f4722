package postgres

import (
	"context"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
)

// flusher writes a staging transaction's queued rows and statements on its
// connection from a goroutine of its own, in the order they were handed
// over, so that a rebuild applies the next events while PostgreSQL writes
// the rows of the last ones. Timed in a rebuild of 1M events, the applying
// goroutine spent 9 of its 19 seconds of catch-up waiting for the COPY and
// batches it had sent. With the flusher, one projector's rows are written
// while the next one applies, and whole rebuilds ran 8% faster (medians of
// eight alternating pairs); what is left of the wait is mostly at the end
// of each batch, before its commit. The live tables' transactions do not
// use one: they are small, and a goroutine hop would add to their latency.
//
// Only the flusher uses the connection while it runs: reads wait for it
// (sync) and Commit and Rollback stop it first. The first failure is
// sticky: later work is skipped (PostgreSQL has aborted the transaction
// anyway) and every later call of the transaction returns it. At most one
// piece of work waits while another is written, which bounds the memory a
// fast applier can queue.
type flusher struct {
	tx     pgx.Tx
	schema string // of the events table COPY writes
	work   chan flushWork
	done   chan struct{} // closed when the goroutine has ended

	mu  sync.Mutex
	err error
}

// flushWork is one hand-over: audit rows for COPY, then a batch; a work
// with only ack set is a barrier.
type flushWork struct {
	ctx   context.Context
	rows  [][]any
	batch *pgx.Batch
	ack   chan struct{} // closed once this work (and all before it) is done
}

// newFlusher starts the goroutine writing on t.
func newFlusher(t pgx.Tx, schema string) *flusher {
	f := &flusher{tx: t, schema: schema, work: make(chan flushWork, 1), done: make(chan struct{})}
	go f.run()
	return f
}

// run writes the work in order until stop.
func (f *flusher) run() {
	defer close(f.done)
	for w := range f.work {
		if w.batch != nil && f.failed() == nil { // not a barrier
			if err := writeOut(w.ctx, f.tx, f.schema, w.rows, w.batch); err != nil {
				f.mu.Lock()
				f.err = err
				f.mu.Unlock()
			}
		}
		if w.ack != nil {
			close(w.ack)
		}
	}
}

// writeOut writes audit rows into schema's events table with COPY, then
// runs b (either may be empty), on t.
func writeOut(ctx context.Context, t pgx.Tx, schema string, rows [][]any, b *pgx.Batch) error {
	if len(rows) > 0 {
		if _, err := t.CopyFrom(ctx, pgx.Identifier{schema, "events"}, eventsSpec.cols, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("postgres: write events: %w", mapErr(err))
		}
	}
	if b.Len() > 0 {
		if err := t.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("postgres: write: %w", mapErr(err))
		}
	}
	return nil
}

// failed returns the first failure, or nil.
func (f *flusher) failed() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// submit hands rows (may be nil) and b over for writing and returns at
// once, with the first failure so far, if any. It blocks while another
// work waits, or until ctx ends.
func (f *flusher) submit(ctx context.Context, rows [][]any, b *pgx.Batch) error {
	if err := f.failed(); err != nil {
		return err
	}
	select {
	case f.work <- flushWork{ctx: ctx, rows: rows, batch: b}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// sync waits until everything submitted so far is written and returns the
// first failure. A ctx that ends first returns its error; the work goes on.
func (f *flusher) sync(ctx context.Context) error {
	ack := make(chan struct{})
	select {
	case f.work <- flushWork{ack: ack}:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ack:
		return f.failed()
	case <-ctx.Done():
		return ctx.Err()
	}
}

// stop waits for the submitted work to end, stops the goroutine and
// returns the first failure; the connection is the caller's again.
func (f *flusher) stop() error {
	close(f.work)
	<-f.done
	return f.failed()
}
