// Package webhookendpoint is the aggregate of an operator's webhook
// endpoint (an "after-hook"): a URL the server posts the log's events to,
// signed the Standard Webhooks way. Stream: webhookendpoint-<id>. The
// endpoint's signing secret is needed again at every delivery, so it is
// not hashed: Created carries it in a field sealed (encrypted) with the
// endpoint's own data key (the codec's keyring, whose keys are wrapped by
// a key derived from the server secret); it is never stored in the clear.
// Every change (update, enable, disable, replay, deletion) is an event,
// so the audit trail shows who changed what. Endpoint URLs and event
// filters are operator configuration, not personal data.
package webhookendpoint

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeCreated  = "webhook.endpoint_created"
	TypeUpdated  = "webhook.endpoint_updated"
	TypeEnabled  = "webhook.endpoint_enabled"
	TypeDisabled = "webhook.endpoint_disabled"
	TypeReplayed = "webhook.endpoint_replayed"
	TypeDeleted  = "webhook.endpoint_deleted"
)

// Created records a new endpoint, enabled. Secret is "whsec_<base64>",
// sealed with the endpoint's key (KeyRef, the stream name).
type Created struct {
	EndpointID string    `json:"endpointId"`
	URL        string    `json:"url"`
	Events     []string  `json:"events"`
	IncludePII bool      `json:"includePii"`
	Secret     string    `json:"secret" pii:"true"`
	At         time.Time `json:"at"`
}

// Updated records the endpoint's new settings (all of them).
type Updated struct {
	EndpointID string    `json:"endpointId"`
	URL        string    `json:"url"`
	Events     []string  `json:"events"`
	IncludePII bool      `json:"includePii"`
	At         time.Time `json:"at"`
}

// Enabled records that deliveries resume (from the endpoint's checkpoint:
// what was missed while it was disabled is delivered).
type Enabled struct {
	EndpointID string    `json:"endpointId"`
	At         time.Time `json:"at"`
}

// Reasons of Disabled.
const (
	ReasonOperator = "operator" // an operator disabled it
	ReasonFailing  = "failing"  // the deliverer gave up after failing for the documented period
)

// Disabled records that deliveries stop. Reason is ReasonOperator or
// ReasonFailing; LastError describes the last failure (failing only: a
// status or a network error, never a secret).
type Disabled struct {
	EndpointID   string     `json:"endpointId"`
	Reason       string     `json:"reason"`
	LastError    string     `json:"lastError,omitempty"`
	FailingSince *time.Time `json:"failingSince,omitempty"`
	At           time.Time  `json:"at"`
}

// Replayed asks the deliverer to deliver again every matching event after
// position After (the text of an eventstore position; "" = the start of
// the log). Seq numbers the replays of the endpoint.
type Replayed struct {
	EndpointID string    `json:"endpointId"`
	After      string    `json:"after"`
	Seq        int       `json:"seq"`
	At         time.Time `json:"at"`
}

// Deleted records that the endpoint is gone for good.
type Deleted struct {
	EndpointID string    `json:"endpointId"`
	At         time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Created) EventType() string { return TypeCreated }

// EventType implements domain.Event.
func (Updated) EventType() string { return TypeUpdated }

// EventType implements domain.Event.
func (Enabled) EventType() string { return TypeEnabled }

// EventType implements domain.Event.
func (Disabled) EventType() string { return TypeDisabled }

// EventType implements domain.Event.
func (Replayed) EventType() string { return TypeReplayed }

// EventType implements domain.Event.
func (Deleted) EventType() string { return TypeDeleted }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event {
	return []domain.Event{Created{}, Updated{}, Enabled{}, Disabled{}, Replayed{}, Deleted{}}
}

// Facts describes every event for the audit surfaces: endpoints are about
// no person. An automatic disabling is a failure the operator must see.
func Facts() []domain.Facts {
	return []domain.Facts{
		{Event: Created{}, OWASP: "webhook_created"},
		{Event: Updated{}, OWASP: "webhook_updated"},
		{Event: Enabled{}, OWASP: "webhook_enabled"},
		{Event: Disabled{}, OWASP: "webhook_disabled"},
		{Event: Replayed{}, OWASP: "webhook_replayed"},
		{Event: Deleted{}, OWASP: "webhook_deleted"},
	}
}

// StreamPrefix starts the name of every endpoint stream.
const StreamPrefix = "webhookendpoint-"

// Stream returns the stream of an endpoint; it is also the key reference
// sealing the endpoint's secret.
func Stream(id string) string { return StreamPrefix + id }
