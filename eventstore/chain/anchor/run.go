package anchor

import (
	"context"
	"log/slog"
	"time"

	"github.com/authledger/authledger/eventstore/chain"
)

// Anchorer stamps the checkpoints that have no token yet.
type Anchorer struct {
	Client      Client
	Checkpoints chain.Store
	Anchors     chain.AnchorStore
	Logger      *slog.Logger  // nil: slog.Default()
	Interval    time.Duration // between passes (zero: one minute)
}

// Pass requests a token for every checkpoint without one, oldest first,
// and stores it; it stops at the first failure (the next pass retries)
// and returns how many it stored.
func (a *Anchorer) Pass(ctx context.Context) (int, error) {
	cps, err := a.Checkpoints.Checkpoints(ctx)
	if err != nil {
		return 0, err
	}
	have, err := a.Anchors.Anchors(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, cp := range cps {
		if _, ok := have[cp.Count]; ok {
			continue
		}
		tok, err := a.Client.Stamp(ctx, cp)
		if err != nil {
			return n, err
		}
		if err := a.Anchors.PutAnchor(ctx, cp.Count, tok); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Run makes a pass every Interval until ctx ends. A failed pass is logged
// (the TSA's URL is configuration, not a secret) and retried at the next
// one: anchoring never holds up the log.
func (a *Anchorer) Run(ctx context.Context) error {
	log := a.Logger
	if log == nil {
		log = slog.Default()
	}
	every := a.Interval
	if every <= 0 {
		every = time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		n, err := a.Pass(ctx)
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			log.Warn("audit checkpoint time-stamping failed; retrying at the next pass", "err", err, "stamped", n, "next", every)
		case n > 0:
			log.Info("audit checkpoints time-stamped", "count", n)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}
