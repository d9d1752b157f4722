package projections

import (
	"context"
	"fmt"
	"reflect"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/catalog"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
)

// EventsName is the checkpoint name of the events projector.
const EventsName = "events.v1"

// Outcomes of an events row.
const (
	OutcomeSuccess = "success"
	OutcomeFailure = "failure"
)

// eventsProjector writes one redacted audit row per event: only ids, the
// type, times and the outcome — never PII, hashes or tokens. Whom a row is
// about, its organization and its outcome come from the table of event
// facts declared next to the events (catalog.Facts).
type eventsProjector struct {
	facts map[string]domain.Facts
}

// Events returns the events.v1 projector: one ontology.Event row per
// record (position, occurredAt, type, stream, actor, subject person,
// outcome "failure" for the events the facts mark as failures, request
// id). group.* rows carry the organization in GroupID and, for membership
// events, the member's person as subject.
func Events() Projector { return &eventsProjector{facts: catalog.FactsByType()} }

// Name implements Projector.
func (p *eventsProjector) Name() string { return EventsName }

// Handles implements Projector: every event type, also unknown ones, so
// the audit trail stops at a record it cannot decode instead of skipping it.
func (p *eventsProjector) Handles(string) bool { return true }

// Apply implements Projector.
func (p *eventsProjector) Apply(ctx context.Context, w ontology.Writer, rec eventstore.Record, ev domain.Event, meta domain.Metadata) error {
	f, ok := p.facts[rec.Type]
	if !ok {
		return fmt.Errorf("%w: %s has no facts in %s", ErrUnexpectedEvent, rec.Type, EventsName)
	}
	if reflect.TypeOf(ev) != reflect.TypeOf(f.Event) {
		return fmt.Errorf("%w: got %T, want %T", ErrUnexpectedEvent, ev, f.Event)
	}
	outcome := OutcomeSuccess
	if f.Failure {
		outcome = OutcomeFailure
	}
	return w.AppendEvent(ctx, ontology.Event{
		Position: rec.Position.String(), OccurredAt: rec.OccurredAt, Type: rec.Type, Stream: rec.Stream,
		Actor: meta.Actor, Subject: f.SubjectOf(ev), GroupID: f.GroupOf(ev), Outcome: outcome, RequestID: meta.RequestID,
	})
}
