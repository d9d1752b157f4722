package app

import (
	"context"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
)

// DecideChecked is Decide for a command that can only be built after a
// check against the folded state, which may refuse (a passkey assertion
// is verified against the key the stream holds): one load, then build,
// then the decider. A build error is returned with an empty change, so
// nothing is appended for it; the decider's own refusal comes with its
// audit events in the change, as with Decide. The caller appends the
// changes of all its streams with one Commit inside Retry.
func DecideChecked[S, C any](ctx context.Context, a *App, d domain.Decider[S, C], stream string, build func(S) (C, error)) (S, eventstore.Change, error) {
	st, v, err := eventstore.Load(ctx, a.Store, a.Codec, d, stream)
	if err != nil {
		return st, eventstore.Change{}, err
	}
	c, err := build(st)
	if err != nil {
		return st, eventstore.Change{}, err
	}
	evs, derr := d.Decide(st, c)
	return st, eventstore.Change{Stream: stream, Expected: eventstore.Exactly(v), Events: evs}, derr
}
