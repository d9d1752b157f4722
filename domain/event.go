package domain

import "time"

// Event is a fact an aggregate decided. Each concrete event type lives in its
// aggregate's package, has a dotted past-tense name constant and is listed in
// that package's Events(). Fields tagged `pii:"true"` are sealed with the
// subject's data key by the event store codec.
type Event interface {
	// EventType returns the stored type name, e.g. "person.signed_up".
	EventType() string
}

// Decider is the pure shape every aggregate exposes: fold events into state
// with Evolve, turn a command into new events with Decide. Neither may do
// I/O, read the clock or draw randomness: commands arrive with all of that
// done already.
type Decider[S any, C any] struct {
	// Initial is the state of a stream with no events.
	Initial S
	// Decide returns the events a command produces; a no-op returns none.
	Decide func(state S, cmd C) ([]Event, error)
	// Evolve folds one event into the state.
	Evolve func(state S, ev Event) S
	// EvolveAll, when not nil, folds several events at once and must
	// return what Evolve one by one would, leaving state unchanged. An
	// aggregate whose Evolve copies part of a large state per event
	// provides it to do that work once per fold (loading a long stream).
	EvolveAll func(state S, evs []Event) S
}

// Fold applies events to the initial state in order.
func (d Decider[S, C]) Fold(events []Event) S { return d.FoldOnto(d.Initial, events) }

// FoldOnto applies events to state in order, through EvolveAll when set.
func (d Decider[S, C]) FoldOnto(state S, events []Event) S {
	if d.EvolveAll != nil {
		return d.EvolveAll(state, events)
	}
	for _, e := range events {
		state = d.Evolve(state, e)
	}
	return state
}

// Metadata describes who caused an event and from where. IP and UserAgent are
// personal data and are sealed in the log.
type Metadata struct {
	Actor string `json:"actor,omitempty"`
	// Impersonator is the administrator who caused the event while
	// impersonating Actor (an impersonation session); "" otherwise.
	Impersonator  string    `json:"impersonator,omitempty"`
	RequestID     string    `json:"requestId,omitempty"`
	CorrelationID string    `json:"correlationId,omitempty"`
	CausationID   string    `json:"causationId,omitempty"`
	IP            string    `json:"ip,omitempty" pii:"true"`
	UserAgent     string    `json:"userAgent,omitempty" pii:"true"`
	OccurredAt    time.Time `json:"-"`
}
