package chain

import (
	"context"
	"errors"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Run follows the log until ctx ends: it catches up, then extends the chain
// after commits (Changed, then Options.Coalesce) and signs checkpoints by count and by time.
// Storage outages (eventstore.ErrUnavailable) are retried with backoff; any
// other error is returned. When ctx ends Run signs a last checkpoint if the
// chain moved (best effort, 5 s at most) and returns ctx.Err().
func (c *Chainer) Run(ctx context.Context) error {
	tick := c.opts.CheckpointInterval
	if tick <= 0 || tick > time.Minute {
		tick = time.Minute
	}
	ticker := time.NewTicker(tick)
	defer ticker.Stop()
	backoff := 50 * time.Millisecond
	for {
		changed := c.es.Changed() // before reading, so no wake-up is lost
		_, err := c.CatchUp(ctx)
		if err == nil {
			err = c.checkpointDue(ctx)
		}
		switch {
		case ctx.Err() != nil:
			return c.finish(ctx)
		case errors.Is(err, eventstore.ErrUnavailable):
			select {
			case <-ctx.Done():
				return c.finish(ctx)
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		case err != nil:
			return err
		}
		backoff = 50 * time.Millisecond
		select {
		case <-ctx.Done():
			return c.finish(ctx)
		case <-changed:
			if !c.pause(ctx) {
				return c.finish(ctx)
			}
		case <-ticker.C:
		}
	}
}

// pause waits Options.Coalesce; false when ctx ended first.
func (c *Chainer) pause(ctx context.Context) bool {
	if c.opts.Coalesce <= 0 {
		return true
	}
	t := time.NewTimer(c.opts.Coalesce)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// finish signs the tail on shutdown and returns ctx.Err().
func (c *Chainer) finish(ctx context.Context) error {
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_, _ = c.CatchUp(fctx)    // chain what was committed before the stop,
	_, _ = c.Checkpoint(fctx) // and sign it; best effort: the next Run does it otherwise
	return ctx.Err()
}
