package app

import (
	"context"
	"sync"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// Recorder is told the position of every append made on behalf of one
// request (the HTTP layer turns the last one into X-Consistency-Token).
type Recorder interface {
	Record(pos eventstore.Position)
}

type recorderKey struct{}

// WithRecorder returns a context whose appends are reported to r.
func WithRecorder(ctx context.Context, r Recorder) context.Context {
	return context.WithValue(ctx, recorderKey{}, r)
}

// Tracker is a Recorder that keeps the last position, for callers that
// read it afterwards.
type Tracker struct {
	mu  sync.Mutex
	pos eventstore.Position
	set bool
}

// WithTracker returns a context whose appends are recorded in the
// returned tracker.
func WithTracker(ctx context.Context) (context.Context, *Tracker) {
	t := &Tracker{}
	return WithRecorder(ctx, t), t
}

// Last returns the last recorded position and whether there is one.
func (t *Tracker) Last() (eventstore.Position, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pos, t.set
}

// Record implements Recorder.
func (t *Tracker) Record(pos eventstore.Position) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.pos, t.set = pos, true
}

// committed is the pipeline's after-append step: record the position for
// the caller, then wait (bounded) for what the answer depends on. The write
// is already durable: an index that does not catch up is reported as
// unavailable so the client retries a read, never the command.
//
// A server waits for its session index only: the session a command made or
// ended must hold on the next request. It does not wait for the
// projections: the reads that go through them wait instead (Projected),
// so a command's latency does not include a projection batch. A one-shot
// process (no index, the command line) waits for its projections, which
// must have applied the command before it exits.
func (a *App) committed(ctx context.Context, pos eventstore.Position) error {
	if r, ok := ctx.Value(recorderKey{}).(Recorder); ok {
		r.Record(pos)
	}
	if a.Index != nil {
		return a.settle(ctx, pos, a.Index, nil)
	}
	return a.Settle(ctx, pos)
}

// Settle waits until this node's session index and projections reach pos.
// When ctx itself ends first (the client went away), it returns ctx's
// error: nobody waits any more, and nothing is behind.
func (a *App) Settle(ctx context.Context, pos eventstore.Position) error {
	return a.settle(ctx, pos, a.Index, a.Projections)
}

// Projected waits until the projections have applied every command this
// node has acknowledged: they reach the session index's position (which
// every acknowledged command's records precede, see committed). A read
// through the projections calls it first, for read-your-writes. Like
// Settle, it waits at most WaitTimeout, then reads what the projections
// hold and logs that they lag.
func (a *App) Projected(ctx context.Context) error {
	if a.Index == nil || a.Projections == nil {
		return nil // a one-shot process's commands waited already
	}
	return a.settle(ctx, a.Index.Position(), nil, a.Projections)
}

// settle waits for index (a lag is ErrUnavailable) and then for
// projections (a lag is logged), each when not nil, at most WaitTimeout in
// all.
func (a *App) settle(ctx context.Context, pos eventstore.Position, index *sessionindex.Index, projections Waiter) error {
	wait, cancel := context.WithTimeout(ctx, a.WaitTimeout)
	defer cancel()
	if index != nil {
		if err := index.WaitFor(wait, pos); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return domain.ErrUnavailable
		}
	}
	if projections != nil {
		if err := projections.WaitFor(wait, pos); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			a.Logger.Warn("projections behind", "position", pos.String(), "err", err)
		}
	}
	return nil
}
