package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/authledger/authledger/eventstore/chain"
	"github.com/authledger/authledger/eventstore/chain/anchor"
)

// errAnchorsBroken marks a failed time-stamp verification (exit status 1).
var errAnchorsBroken = errors.New("audit checkpoint time-stamps do not verify")

// anchorerFor is the checkpoint time-stamper of the chain, or nil when no
// TSA is configured or the store keeps no time-stamps.
func anchorerFor(a *app, t tsaSettings) *anchor.Anchorer {
	as, ok := a.chain.(chain.AnchorStore)
	if t.URL == "" || a.chain == nil || !ok {
		return nil
	}
	return &anchor.Anchorer{Client: anchor.Client{URL: t.URL, Hash: t.Hash}, Checkpoints: a.chain, Anchors: as, Logger: a.log}
}

// withAnchoring runs the time-stamper beside the chain follower f (both
// under the chain's leadership); f alone without a TSA.
func withAnchoring(f func(context.Context) error, a *app, t tsaSettings) func(context.Context) error {
	an := anchorerFor(a, t)
	if an == nil {
		return f
	}
	return alongside(f, an.Run)
}

// auditAnchorCmd is "authledger audit anchor": one pass that time-stamps
// every checkpoint without a token at --audit-tsa-url (after a TSA outage,
// or for the checkpoint a server signed when it stopped). It writes only
// the tokens.
func auditAnchorCmd(ctx context.Context, s storeSettings, stdout, stderr io.Writer) error {
	if s.TSA.URL == "" {
		return fmt.Errorf("%w: authledger audit anchor needs --audit-tsa-url", errUsage)
	}
	a, _, err := openChained(ctx, s, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	an := anchorerFor(a, s.TSA)
	if an == nil {
		return errors.New("this event store keeps no checkpoint time-stamps")
	}
	n, err := an.Pass(ctx)
	fmt.Fprintf(stdout, "time-stamped %d checkpoints\n", n)
	return err
}

// verifyAnchors checks the stored time-stamps against the trust bundle;
// nil when no bundle is configured (nothing to check).
func verifyAnchors(ctx context.Context, cs chain.Store, t tsaSettings) (*anchor.Report, error) {
	if t.Roots == nil {
		return nil, nil
	}
	as, ok := cs.(chain.AnchorStore)
	if !ok {
		return nil, errors.New("this event store keeps no checkpoint time-stamps")
	}
	cps, err := cs.Checkpoints(ctx)
	if err != nil {
		return nil, err
	}
	toks, err := as.Anchors(ctx)
	if err != nil {
		return nil, err
	}
	rep := anchor.Verify(cps, toks, anchor.Policy{Roots: t.Roots})
	return &rep, nil
}
