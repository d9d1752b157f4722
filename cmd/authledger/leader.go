package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/authledger/authledger/ontology"
	ontpg "github.com/authledger/authledger/ontology/postgres"
	"github.com/authledger/authledger/projections"
)

// chainElector returns the election for the audit-chain follower when the
// read store is shared by several nodes (PostgreSQL), so one node extends
// the chain at a time; nil on the embedded store (one process).
func chainElector(read ontology.Store) projections.Elector {
	if pg, ok := read.(*ontpg.Store); ok {
		return pg.Elector("audit-chain")
	}
	return nil
}

// mailElector returns the election for the outbox mailer on a shared
// read store (PostgreSQL), so one node of a cluster sends the mail; nil on
// the embedded store.
func mailElector(read ontology.Store) projections.Elector {
	if pg, ok := read.(*ontpg.Store); ok {
		return pg.Elector("mail")
	}
	return nil
}

// webhookElector returns the election for the webhook deliverer on a
// shared read store (PostgreSQL), so one node of a cluster delivers; nil
// on the embedded store.
func webhookElector(read ontology.Store) projections.Elector {
	if pg, ok := read.(*ontpg.Store); ok {
		return pg.Elector("webhooks")
	}
	return nil
}

// asLeader runs fn while this node holds el's leadership, standing by
// otherwise, until ctx ends; a nil elector runs fn directly.
func asLeader(ctx context.Context, el projections.Elector, log *slog.Logger, fn func(context.Context) error) error {
	if el == nil {
		return fn(ctx)
	}
	for {
		lost, release, err := el.Acquire(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			log.Warn("leader election failed; retrying", "err", err)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(time.Second):
			}
			continue
		}
		leadCtx, cancel := context.WithCancel(ctx)
		go func() {
			select {
			case <-lost:
			case <-leadCtx.Done():
			}
			cancel()
		}()
		err = fn(leadCtx)
		cancel()
		release()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			log.Warn("leader task stopped; standing by", "err", err)
		}
	}
}
