package main

import (
	"context"
	"errors"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/projections"
)

// probeLimit bounds how many records after its checkpoint a projector is
// probed over.
const probeLimit = 1000

// projectorFailure is the record a projector cannot apply.
type projectorFailure struct {
	// At is the record's position, Type its event type.
	At, Type string
	// Error is why it cannot be applied.
	Error string
}

// probe tells whether a projector that is behind is stuck: it applies
// the records after the checkpoint (at most probeLimit) inside a
// read-store transaction that it always rolls back, and returns the first
// record the projector fails on — the record a running node's projector
// stops at (a failure is the event's, so it happens again). Nothing is
// written. A storage error is returned as an error, not blamed on a
// record. The failure is only known in the process that hit it, which is
// why the command line reproduces it instead of reading it.
func probe(ctx context.Context, a *app, p projections.Projector, cp eventstore.Position) (*projectorFailure, error) {
	recs, err := a.store.ReadAll(ctx, cp, probeLimit)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	tx, err := a.read.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	for _, rec := range recs {
		if !p.Handles(rec.Type) {
			continue
		}
		ev, meta, err := a.codec.Decode(ctx, rec)
		if err == nil {
			err = p.Apply(ctx, tx, rec, ev, meta)
		}
		switch {
		case err == nil:
		case ctx.Err() != nil || errors.Is(err, domain.ErrUnavailable):
			return nil, err
		default:
			return &projectorFailure{At: rec.Position.String(), Type: rec.Type, Error: err.Error()}, nil
		}
	}
	return nil, nil
}
