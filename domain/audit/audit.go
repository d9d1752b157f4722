// Package audit holds the events of the compliance surface itself: every
// read of the audit trail (query, export, point-in-time state, chain
// verification) is recorded as audit.read in a per-day stream
// audit-<yyyy-mm-dd>, so who looked at what is part of the same log.
package audit

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeRead is the type name of Read. Names are schema: never rename it.
const TypeRead = "audit.read"

// Read records one read of the audit trail. Query is the request's filter
// set (never a cursor secret or a credential); IncludePII says whether
// decrypted personal data was asked for.
type Read struct {
	Route      string    `json:"route"`
	Query      string    `json:"query,omitempty"`
	IncludePII bool      `json:"includePii,omitempty"`
	At         time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Read) EventType() string { return TypeRead }

// Events lists every event of this package (zero values).
func Events() []domain.Event { return []domain.Event{Read{}} }

// Stream is the stream of the audit reads of at's UTC day.
func Stream(at time.Time) string { return "audit-" + at.UTC().Format("2006-01-02") }
