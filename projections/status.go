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
// pos (read-your-writes), or ctx is done. It returns an error wrapping
// ErrProjectorFailed when a projector that has not reached pos has failed.
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

// reached reports whether every projector is at or past pos. Callers hold
// r.mu.
func (r *Runner) reached(pos eventstore.Position) (bool, error) {
	done := true
	for _, s := range r.live {
		if !s.cp.Less(pos) {
			continue
		}
		if s.failed {
			return false, s.err
		}
		done = false
	}
	return done, nil
}
