package projections

import (
	"context"
	"errors"
	"time"
)

// Elector grants leadership among the nodes that share a read store, so
// exactly one applies events at a time (no double application). The
// PostgreSQL read store implements it with a session-level advisory lock:
// a node that dies loses its connection and with it the lock, and a
// standby takes over.
type Elector interface {
	// Acquire blocks until this node leads or ctx ends. lost is closed if
	// leadership is lost (the lock's connection broke); release gives it up.
	Acquire(ctx context.Context) (lost <-chan struct{}, release func(), err error)
}

// runElected alternates standby and leadership until ctx ends.
func (r *Runner) runElected(ctx context.Context) error {
	for {
		lost, release, err := r.standby(ctx)
		if err != nil {
			return err
		}
		leadCtx, cancel := context.WithCancel(ctx)
		go func() {
			select {
			case <-lost:
			case <-leadCtx.Done():
			}
			cancel()
		}()
		err = r.lead(leadCtx)
		cancel()
		release()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil && !errors.Is(err, context.Canceled) && r.opts.OnError != nil {
			r.opts.OnError(err)
		}
		// leadership lost: stand by again
	}
}

// standby follows the committed checkpoints (so WaitFor works on this node)
// while it waits for leadership, and returns once it has it.
func (r *Runner) standby(ctx context.Context) (<-chan struct{}, func(), error) {
	retry := r.opts.RetryMin
	for {
		g, err := r.waitLeadership(ctx)
		if err == nil {
			return g.lost, g.release, nil
		}
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		if r.opts.OnError != nil {
			r.opts.OnError(err)
		}
		if !sleep(ctx, retry) {
			return nil, nil, ctx.Err()
		}
		retry = min(2*retry, r.opts.RetryMax)
	}
}

// grant is a leadership grant.
type grant struct {
	lost    <-chan struct{}
	release func()
}

// waitLeadership runs one Acquire while refreshing the checkpoints.
func (r *Runner) waitLeadership(ctx context.Context) (grant, error) {
	type result struct {
		g   grant
		err error
	}
	acquireCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	got := make(chan result, 1)
	go func() {
		lost, release, err := r.opts.Elector.Acquire(acquireCtx)
		got <- result{grant{lost, release}, err}
	}()
	tick := time.NewTicker(r.opts.StandbyPoll)
	defer tick.Stop()
	for {
		select {
		case res := <-got:
			return res.g, res.err
		case <-tick.C:
			if err := r.load(ctx); err != nil && r.opts.OnError != nil && ctx.Err() == nil {
				r.opts.OnError(err)
			}
		}
	}
}
