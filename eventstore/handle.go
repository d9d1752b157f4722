package eventstore

import (
	"context"

	"github.com/authledger/authledger/domain"
)

// Command is one load → decide → append unit on one stream: Handle folds
// Stream with Decider (through Cache when set), builds the command from
// the state, decides, and appends the events under the version it read,
// together with the changes With derives from them.
type Command[S, C any] struct {
	Decider domain.Decider[S, C]
	Stream  string
	// Build makes the command from the folded state; all impure work
	// (hashing, ids, the clock) is done before Handle runs. An error
	// refuses the command before the decider sees it.
	Build func(state S) (C, error)
	// With, when set, returns the changes that go into the same atomic
	// append as the decided events: other streams' events, and claims to
	// take or release. A change on Stream itself contributes its claims
	// and releases to the stream's change. It runs only when the decider
	// accepted the command.
	With func(state S, events []domain.Event) ([]Change, error)
	// Meta and KeyRef seal every event of the append.
	Meta   domain.Metadata
	KeyRef string
	// Cache, when set, keeps folded states between calls so a long stream
	// is read from its cached version on.
	Cache *FoldCache[S]
}

// Outcome is what a handled command did.
type Outcome[S any] struct {
	Before   S              // the state the decision was made on
	State    S              // Before with Events folded in
	Events   []domain.Event // what the decider produced (audit events too)
	Version  uint64         // the stream's version after the append
	Position Position       // the append's position (zero when nothing was written)
}

// Handle runs cmd through the pipeline. A decider error that comes with
// events (a refused sign-in records an audit event) appends those events
// and then returns the error; a decider error without events appends
// nothing. A concurrent writer moving the stream makes Handle load and
// decide again, at most p.Attempts times; then it returns ErrConflict.
func Handle[S, C any](ctx context.Context, p *Pipeline, cmd Command[S, C]) (Outcome[S], error) {
	var out Outcome[S]
	err := p.Retry(func() error {
		var err error
		out, err = handleOnce(ctx, p, cmd)
		return err
	})
	return out, err
}

func handleOnce[S, C any](ctx context.Context, p *Pipeline, cmd Command[S, C]) (Outcome[S], error) {
	st, v, err := LoadCached(ctx, p.Store, p.Codec, cmd.Decider, cmd.Stream, cmd.Cache)
	out := Outcome[S]{Before: st, State: st, Version: v}
	if err != nil {
		return out, err
	}
	c, err := cmd.Build(st)
	if err != nil {
		return out, err
	}
	evs, derr := cmd.Decider.Decide(st, c)
	out.Events = evs
	if len(evs) == 0 {
		return out, derr
	}
	main := Change{Stream: cmd.Stream, Expected: Exactly(v), Events: evs}
	changes := []Change{main}
	if derr == nil && cmd.With != nil {
		extra, err := cmd.With(st, evs)
		if err != nil {
			return out, err
		}
		changes = mergeInto(changes, extra)
	}
	if out.Position, err = p.Commit(ctx, cmd.Meta, cmd.KeyRef, changes...); err != nil {
		return out, err
	}
	for _, ev := range evs {
		out.State = cmd.Decider.Evolve(out.State, ev)
	}
	out.Version = v + uint64(len(evs))
	return out, derr
}

// mergeInto appends extra to changes, folding the claims and releases of
// a change on the first change's stream into that change.
func mergeInto(changes, extra []Change) []Change {
	for _, ch := range extra {
		if ch.Stream == changes[0].Stream && len(ch.Events) == 0 {
			changes[0].Claims = append(changes[0].Claims, ch.Claims...)
			changes[0].Releases = append(changes[0].Releases, ch.Releases...)
			continue
		}
		changes = append(changes, ch)
	}
	return changes
}

// Decide is the load → decide half of a command that spans several
// streams (revoking every session of a person, a sign-in that writes the
// account and a new session): it folds stream, runs the decider on
// build(state) and returns the state and the change to append, expecting
// the version it read, together with the decider's own error (audit
// events that come with a refusal are in the change). The caller appends
// the changes of all its streams with one Pipeline.Commit inside
// Pipeline.Retry.
func Decide[S, C any](ctx context.Context, p *Pipeline, d domain.Decider[S, C], stream string, build func(S) C) (S, Change, error) {
	return DecideChecked(ctx, p, d, stream, func(st S) (C, error) { return build(st), nil })
}

// DecideChecked is Decide for a command that can only be built after a
// check against the folded state, which may refuse (a passkey assertion is
// verified against the key the stream holds): one load, then build, then
// the decider. A build error comes with an empty change, so nothing is
// appended for it; the decider's own refusal comes with its audit events
// in the change, as with Decide.
func DecideChecked[S, C any](ctx context.Context, p *Pipeline, d domain.Decider[S, C], stream string, build func(S) (C, error)) (S, Change, error) {
	return DecideCheckedCached(ctx, p, d, stream, nil, build)
}

// DecideCheckedCached is DecideChecked loading through cache (LoadCached):
// a stream that grows with every use (an account records each sign-in) is
// folded from the cached version on, not from its first record. build and
// the decider must not modify the state they are given: it may be shared.
// A nil cache is DecideChecked.
func DecideCheckedCached[S, C any](ctx context.Context, p *Pipeline, d domain.Decider[S, C], stream string, cache *FoldCache[S], build func(S) (C, error)) (S, Change, error) {
	st, v, err := LoadCached(ctx, p.Store, p.Codec, d, stream, cache)
	if err != nil {
		return st, Change{}, err
	}
	c, err := build(st)
	if err != nil {
		return st, Change{}, err
	}
	evs, derr := d.Decide(st, c)
	return st, Change{Stream: stream, Expected: Exactly(v), Events: evs}, derr
}
