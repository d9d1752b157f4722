package main

import (
	"context"
	"errors"
	"time"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/api/reactions"
	"github.com/authledger/authledger/eventstore"
	"golang.org/x/sync/errgroup"
)

// welcome is the mailer's welcome mail as configured (off: no sender).
func (r reactionSettings) welcome(m mail.Sender) mailer.Welcome {
	if !r.Welcome || m == nil {
		return mailer.Welcome{}
	}
	return mailer.Welcome{Sender: m, Subject: r.WelcomeSubject, Text: r.WelcomeText}
}

// reactionsWait bounds how long a reaction waits for the projections to
// reach the record it handles before it retries.
const reactionsWait = 10 * time.Second

// reactionRunner runs the configured built-in reactions (api/reactions),
// each an outbox subscriber with its own checkpoint in the read store, on
// one node at a time; nil when none is on. Their checkpoints are set
// before the server takes commands, so no sign-up of the first requests is
// missed. A default organization that does not exist is only a warning:
// the reaction skips sign-ups until it is created with that slug.
func reactionRunner(ctx context.Context, a *app, s serveSettings) (func(context.Context) error, error) {
	k, err := a.oneShot(a.runner, reactionsWait) // the new-device reaction reads the projections' rows
	if err != nil {
		return nil, err
	}
	var subs []*outbox.Subscriber
	if s.Reactions.Organization.Slug != "" {
		d, err := reactions.NewDefaultOrganization(k, s.Reactions.Organization)
		if err != nil {
			return nil, err
		}
		if _, err := k.Owner(ctx, "slug", s.Reactions.Organization.Slug); errors.Is(err, eventstore.ErrClaimNotFound) {
			a.log.Warn("the default organization does not exist yet: new people join nothing until it is created",
				"slug", s.Reactions.Organization.Slug)
		} else if err != nil {
			return nil, err
		}
		subs = append(subs, d.Subscriber(outbox.ReadStore(a.read)))
	}
	if s.Reactions.NewDevice {
		n, err := reactions.NewNewDevice(k, reactions.Device{Sender: s.Mailer, BaseURL: s.BaseURL})
		if err != nil {
			return nil, err
		}
		subs = append(subs, n.Subscriber(outbox.ReadStore(a.read)))
	}
	if len(subs) == 0 {
		return nil, nil
	}
	for _, sub := range subs {
		if err := sub.Init(ctx); err != nil {
			return nil, err
		}
	}
	return func(ctx context.Context) error {
		return asLeader(ctx, elector(a.read, electReactions), a.log, func(ctx context.Context) error {
			g, gctx := errgroup.WithContext(ctx)
			for _, sub := range subs {
				g.Go(func() error { return sub.Run(gctx) })
			}
			return g.Wait()
		})
	}, nil
}

// alongside runs both followers (either may be nil) until ctx ends or one
// fails; nil when both are.
func alongside(f, g func(context.Context) error) func(context.Context) error {
	switch {
	case f == nil:
		return g
	case g == nil:
		return f
	}
	return func(ctx context.Context) error {
		eg, ectx := errgroup.WithContext(ctx)
		eg.Go(func() error { return f(ectx) })
		eg.Go(func() error { return g(ectx) })
		return eg.Wait()
	}
}
