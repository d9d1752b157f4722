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

// Election names of the singleton work of a cluster: the audit-chain
// follower, the outbox mailer, the built-in reactions (api/reactions)
// and the webhook deliverer; each runs on one node at a time.
const (
	electChain     = "audit-chain"
	electMail      = "mail"
	electReactions = "reactions"
	electWebhooks  = "webhooks"
)

// elector returns the election name when the read store is shared by
// several nodes (PostgreSQL), so one node does that work at a time; nil
// on the embedded store (one process).
func elector(read ontology.Store, name string) projections.Elector {
	if pg, ok := read.(*ontpg.Store); ok {
		return pg.Elector(name)
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
