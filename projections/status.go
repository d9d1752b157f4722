package projections

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

// ProjectorStatus reports one projector's progress.
type ProjectorStatus struct {
	Name       string
	Checkpoint eventstore.Position // last applied record (zero: none yet)
	Head       eventstore.Position // log head as last seen by the runner
	// Lag is Head.Lo − Checkpoint.Lo: the exact number of records behind
	// for adapters whose Lo word is a dense sequence (memory, SQLite,
	// PostgreSQL identity), an estimate otherwise; at least 1 when behind.
	Lag        uint64
	Failed     bool
	Error      string              // why it failed ("" when healthy)
	FailedAt   eventstore.Position // the failing record
	FailedType string              // the failing record's event type
}

// Status returns the status of every projector, in the order given to
// NewRunner.
func (r *Runner) Status() []ProjectorStatus {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]ProjectorStatus, len(r.projs))
	for i, p := range r.projs {
		s := r.live[i]
		out[i] = ProjectorStatus{
			Name: p.Name(), Checkpoint: s.cp, Head: r.head, Lag: lag(r.head, s.cp),
			Failed: s.failed, FailedAt: s.failedAt, FailedType: s.failedType,
		}
		if s.err != nil {
			out[i].Error = s.err.Error()
		}
	}
	return out
}

func lag(head, cp eventstore.Position) uint64 {
	switch {
	case !cp.Less(head):
		return 0
	case head.Lo > cp.Lo:
		return head.Lo - cp.Lo
	default:
		return 1
	}
}

// WaitFor blocks until every healthy projector has applied the record at
// pos (read-your-writes), or ctx is done. When they have, it returns an
// error wrapping ErrProjectorFailed (and the cause) if a failed projector
// stopped before pos: its rows do not include the write.
func (r *Runner) WaitFor(ctx context.Context, pos eventstore.Position) error {
	for {
		r.mu.Lock()
		done, err := r.reached(pos)
		wake := r.changed
		r.mu.Unlock()
		if done || err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("projections: wait for %s: %w", pos, ctx.Err())
		case <-wake:
		}
	}
}

// reached reports whether every healthy projector is at or past pos and,
// once they are, the error of a failed projector that is not. Callers hold
// r.mu.
func (r *Runner) reached(pos eventstore.Position) (bool, error) {
	var failed error
	for _, s := range r.live {
		switch {
		case !s.cp.Less(pos):
		case !s.failed:
			return false, nil
		case failed == nil:
			failed = s.err
		}
	}
	return true, failed
}
