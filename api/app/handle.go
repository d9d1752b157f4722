package app

import (
	"context"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"go.opentelemetry.io/otel/attribute"
)

// Handle runs one load → decide → append command through a's pipeline.
// It is traced as one "command" span (tracing.go).
func Handle[S, C any](ctx context.Context, a *App, cmd eventstore.Command[S, C]) (eventstore.Outcome[S], error) {
	if !TracingOn() { // the command's name is built by reflection: only for a span
		return eventstore.Handle(ctx, a.Pipeline, cmd)
	}
	ctx, span := startSpan(ctx, "command "+commandName[C](), attribute.String("authledger.command", commandName[C]()))
	out, err := eventstore.Handle(ctx, a.Pipeline, cmd)
	endSpan(span, err)
	return out, err
}

// Load folds stream with d (for reads and for the checks before a
// command; decisions go through Handle).
func Load[S, C any](ctx context.Context, a *App, d domain.Decider[S, C], stream string) (S, uint64, error) {
	return eventstore.Load(ctx, a.Pipeline.Store, a.Codec, d, stream)
}

// Run is the common single-stream command: decide build(state) on stream
// and append the events, sealed with keyRef's key, by meta.
func Run[S, C any](ctx context.Context, a *App, d domain.Decider[S, C], stream string, meta domain.Metadata, keyRef string, build func(S) C) (eventstore.Outcome[S], error) {
	return Handle(ctx, a, eventstore.Command[S, C]{Decider: d, Stream: stream, Meta: meta, KeyRef: keyRef,
		Build: func(st S) (C, error) { return build(st), nil }})
}

// Decide is eventstore.Decide through a's pipeline: one stream's part of a
// command that spans several streams.
func Decide[S, C any](ctx context.Context, a *App, d domain.Decider[S, C], stream string, build func(S) C) (S, eventstore.Change, error) {
	return eventstore.Decide(ctx, a.Pipeline, d, stream, build)
}

// DecideChecked is eventstore.DecideChecked through a's pipeline: Decide
// with a build step that checks the folded state and may refuse.
func DecideChecked[S, C any](ctx context.Context, a *App, d domain.Decider[S, C], stream string, build func(S) (C, error)) (S, eventstore.Change, error) {
	return eventstore.DecideChecked(ctx, a.Pipeline, d, stream, build)
}
