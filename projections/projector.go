package projections

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// Projector folds events into the rows of one ontology dimension. Apply must
// be deterministic and write only through w: the runner commits the rows
// together with the projector's checkpoint, and replays the batch when
// another projector fails.
type Projector interface {
	// Name is the projector's versioned name ("people.v1"); it keys the
	// checkpoint, so a new version projects from the start.
	Name() string
	// Handles reports whether Apply must see records of eventType. Records
	// of other types only advance the checkpoint.
	Handles(eventType string) bool
	// Apply projects one decoded event. An error stops this projector at
	// rec (the runner rolls its batch back to the record before).
	Apply(ctx context.Context, w ontology.Writer, rec eventstore.Record, ev domain.Event, meta domain.Metadata) error
}

// All returns one instance of every projector, in a fixed order.
func All() []Projector {
	return []Projector{Groups(), People(), Things(), Connections(), Events(), Knowledge()}
}

// applyFunc projects one event of a known type.
type applyFunc func(ctx context.Context, w ontology.Writer, rec eventstore.Record, ev domain.Event, meta domain.Metadata) error

// table is a Projector dispatching on the event type.
type table struct {
	name string
	on   map[string]applyFunc
}

// Name implements Projector.
func (t *table) Name() string { return t.name }

// Handles implements Projector.
func (t *table) Handles(eventType string) bool { _, ok := t.on[eventType]; return ok }

// Apply implements Projector.
func (t *table) Apply(ctx context.Context, w ontology.Writer, rec eventstore.Record, ev domain.Event, meta domain.Metadata) error {
	f, ok := t.on[rec.Type]
	if !ok {
		return nil
	}
	if err := f(ctx, w, rec, ev, meta); err != nil {
		return fmt.Errorf("%s: %s at %s: %w", t.name, rec.Type, rec.Position, err)
	}
	return nil
}

// as converts ev to the concrete event type E, or reports a registry
// mismatch (the record's type name decoded into another Go type).
func as[E domain.Event](ev domain.Event) (E, error) {
	e, ok := ev.(E)
	if !ok {
		var zero E
		return zero, fmt.Errorf("%w: got %T, want %T", ErrUnexpectedEvent, ev, zero)
	}
	return e, nil
}

// on adapts a typed handler to an applyFunc.
func on[E domain.Event](f func(ctx context.Context, w ontology.Writer, e E) error) applyFunc {
	return func(ctx context.Context, w ontology.Writer, _ eventstore.Record, ev domain.Event, _ domain.Metadata) error {
		e, err := as[E](ev)
		if err != nil {
			return err
		}
		return f(ctx, w, e)
	}
}
