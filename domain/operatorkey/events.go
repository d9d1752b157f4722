// Package operatorkey is the aggregate of a named operator key: a bearer
// credential for the operator surface (/v1 and /metrics) carrying scopes,
// an optional expiry, and revocation. Stream: operatorkey-<id>, holding
// only created and revoked, so deciding on a key folds at most two events.
// Uses, and refusals for a missing scope, are recorded, throttled, as
// used and refused in operatorkey-usage-<id> (see UsageStream). The key's secret is never stored: Created keeps its
// SHA-256 only. Key names are operator labels ("auditor", "ci-erasure"),
// not personal data, and are stored in the clear.
package operatorkey

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeCreated = "operatorkey.created"
	TypeRevoked = "operatorkey.revoked"
	TypeUsed    = "operatorkey.used"
	TypeRefused = "operatorkey.refused"
)

// Created records a new key. SecretHash is the hex SHA-256 of the key's
// secret; ExpiresAt is nil for a key that never expires.
type Created struct {
	KeyID      string     `json:"keyId"`
	Name       string     `json:"name"`
	Scopes     []string   `json:"scopes"`
	SecretHash string     `json:"secretHash"`
	ExpiresAt  *time.Time `json:"expiresAt,omitempty"`
	At         time.Time  `json:"at"`
}

// Revoked records that the key no longer authenticates anything.
type Revoked struct {
	KeyID string    `json:"keyId"`
	At    time.Time `json:"at"`
}

// Used records that the key authenticated a request at At. It is written
// at most once per key per UsageGranularity (the exact last use lives in
// the memory of the node that saw it), never once per request.
type Used struct {
	KeyID string    `json:"keyId"`
	At    time.Time `json:"at"`
}

// Refused is an audit event: the key was presented, with its right
// secret, for Route, which needs Scope, and it lacks that scope. Like
// Used it is throttled: at most once per key, route and scope per
// UsageGranularity on each node.
type Refused struct {
	KeyID string    `json:"keyId"`
	Route string    `json:"route"`
	Scope string    `json:"scope"`
	At    time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Created) EventType() string { return TypeCreated }

// EventType implements domain.Event.
func (Revoked) EventType() string { return TypeRevoked }

// EventType implements domain.Event.
func (Used) EventType() string { return TypeUsed }

// EventType implements domain.Event.
func (Refused) EventType() string { return TypeRefused }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event { return []domain.Event{Created{}, Revoked{}, Used{}, Refused{}} }

// StreamPrefix starts the name of every key stream.
const StreamPrefix = "operatorkey-"

// Stream returns the stream of a key (created, revoked).
func Stream(id string) string { return StreamPrefix + id }

// UsageStream returns the stream of a key's recorded uses, kept apart so
// the key's own stream stays two events long however much it is used.
func UsageStream(id string) string { return StreamPrefix + "usage-" + id }

// UsageGranularity is how often, at most, a key's use is persisted.
const UsageGranularity = time.Minute
