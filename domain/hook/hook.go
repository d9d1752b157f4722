// Package hook holds the audit event of the before-hooks: an operator's
// endpoint asked, synchronously, whether a sign-up, a sign-in or an
// organization's creation may go ahead, and it was refused (by the
// endpoint, or because the endpoint could not answer and the server is
// configured to fail closed). Nothing else is written for a refused
// action. Refusals are recorded in a per-day stream hook-<yyyy-mm-dd>.
package hook

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeRefused is the type name of Refused. Names are schema: never rename it.
const TypeRefused = "hook.refused"

// Reasons a before-hook refusal records.
const (
	// ReasonRefused: the endpoint answered allow=false.
	ReasonRefused = "refused"
	// ReasonUnavailable: the endpoint timed out, failed or answered
	// garbage, and the server fails closed.
	ReasonUnavailable = "unavailable"
)

// Refused records an action a before-hook refused. Kind is the hook point
// (sign-up, sign-in, organization.create); Reason is ReasonRefused or
// ReasonUnavailable; Code is the error code the client was answered with
// (the endpoint's own, or the server's for an unavailable endpoint).
// PersonID is the person signing in or creating the organization (none
// for a sign-up: no person exists); EmailDomain is the domain of a
// refused sign-up's address (the address itself is not kept, as no person
// key exists to seal it with); Provider is the social provider, or
// "credential" for a password.
type Refused struct {
	Kind             string    `json:"kind"`
	Reason           string    `json:"reason"`
	Code             string    `json:"code"`
	PersonID         string    `json:"personId,omitempty"`
	EmailDomain      string    `json:"emailDomain,omitempty"`
	Provider         string    `json:"provider,omitempty"`
	OrganizationSlug string    `json:"organizationSlug,omitempty"`
	At               time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Refused) EventType() string { return TypeRefused }

// Events lists every event of this package (zero values).
func Events() []domain.Event { return []domain.Event{Refused{}} }

// Stream is the stream of the refusals of at's UTC day.
func Stream(at time.Time) string { return "hook-" + at.UTC().Format("2006-01-02") }

// Facts describes every event of this package for the audit surfaces: a
// refusal is a failure about the person concerned, if any.
func Facts() []domain.Facts {
	return []domain.Facts{{Event: Refused{}, Subject: domain.By(func(e Refused) string { return e.PersonID }),
		Failure: true, OWASP: "authz_fail"}}
}
