package app

import (
	"context"
	"sync"

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
// the caller, then wait (bounded) for the session index and the local
// projections. The write is already durable: an index that does not catch
// up is reported as unavailable so the client retries a read, never the
// command; lagging projections are only logged.
func (a *App) committed(ctx context.Context, pos eventstore.Position) error {
	if r, ok := ctx.Value(recorderKey{}).(Recorder); ok {
		r.Record(pos)
	}
	return a.Settle(ctx, pos)
}

// Settle waits until this node's session index and projections reach pos.
// When ctx itself ends first (the client went away), it returns ctx's
// error: nobody waits any more, and nothing is behind.
func (a *App) Settle(ctx context.Context, pos eventstore.Position) error {
	wait, cancel := context.WithTimeout(ctx, a.WaitTimeout)
	defer cancel()
	if a.Index != nil {
		if err := a.Index.WaitFor(wait, pos); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return domain.ErrUnavailable
		}
	}
	if a.Projections != nil {
		if err := a.Projections.WaitFor(wait, pos); err != nil && ctx.Err() == nil {
			a.Logger.Warn("projections behind after commit", "position", pos.String(), "err", err)
		}
	}
	return nil
}
