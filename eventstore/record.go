package eventstore

import (
	"encoding/json"
	"time"
)

// Record is the stored envelope of one event. Data and Meta hold JSON in
// which PII fields are sealed (ciphertext) with the key of KeyRef.
type Record struct {
	ID         string          // UUIDv7
	Stream     string          // "person-<id>", "session-<id>", …
	Version    uint64          // 1-based within Stream
	Position   Position        // global order, assigned by the store
	Type       string          // dotted, past tense: "person.signed_up"
	Schema     int             // schema version of Data
	Data       json.RawMessage // event body, PII sealed
	Meta       json.RawMessage // domain.Metadata, PII sealed
	KeyRef     string          // subject whose data key seals the PII ("" = none)
	OccurredAt time.Time       // when the command happened (from the command)
	RecordedAt time.Time       // when the store committed it
}

// EventData is an event ready to append: the codec's output. The store
// assigns Stream, Version, Position and RecordedAt.
type EventData struct {
	ID         string
	Type       string
	Schema     int
	Data       json.RawMessage
	Meta       json.RawMessage
	KeyRef     string
	OccurredAt time.Time
}
