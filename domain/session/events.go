// Package session is the session aggregate: a signed-in device of a person.
// Only SHA-256 of the session token is ever stored. Stream: session-<id>.
package session

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeCreated   = "session.created"
	TypeRefreshed = "session.refreshed"
	TypeRevoked   = "session.revoked"
	TypeExpired   = "session.expired"
	// TypeActiveOrganizationSet records the session's active organization.
	TypeActiveOrganizationSet = "session.active_organization_set"
)

// Revocation reasons.
const (
	ReasonSignOut         = "sign_out"
	ReasonRevoked         = "revoked"
	ReasonRevokeAll       = "revoke_all"
	ReasonRevokeOthers    = "revoke_others"
	ReasonPasswordChanged = "password_changed"
	// ReasonDeviceRevoked: revoked through the multi-session device list
	// (the holder of the device's signed cookie for it, who may be signed
	// in as another person on the same device).
	ReasonDeviceRevoked = "device_revoked"
	// ReasonEmailVerified ends the sessions opened before an address was
	// proven: whoever opened them never showed they own it.
	ReasonEmailVerified = "email_verified"
)

// Created records a new session. TokenHash is hex SHA-256 of the token.
type Created struct {
	SessionID  string    `json:"sessionId"`
	PersonID   string    `json:"personId"`
	TokenHash  string    `json:"tokenHash"`
	ExpiresAt  time.Time `json:"expiresAt"`
	RememberMe bool      `json:"rememberMe"`
	IP         string    `json:"ip,omitempty" pii:"true"`
	UserAgent  string    `json:"userAgent,omitempty" pii:"true"`
	// ImpersonatedBy is the administrator acting as the person ("" for
	// the person's own session).
	ImpersonatedBy string    `json:"impersonatedBy,omitempty"`
	At             time.Time `json:"at"`
}

// MaxImpersonation bounds the lifetime of an impersonation session.
const MaxImpersonation = time.Hour

// Refreshed records a sliding-expiry extension.
type Refreshed struct {
	SessionID string    `json:"sessionId"`
	PersonID  string    `json:"personId"`
	ExpiresAt time.Time `json:"expiresAt"`
	At        time.Time `json:"at"`
}

// Revoked records an explicit end of the session.
type Revoked struct {
	SessionID string    `json:"sessionId"`
	PersonID  string    `json:"personId"`
	TokenHash string    `json:"tokenHash"`
	Reason    string    `json:"reason"`
	At        time.Time `json:"at"`
}

// Expired records that the session was found past its expiry.
type Expired struct {
	SessionID string    `json:"sessionId"`
	PersonID  string    `json:"personId"`
	TokenHash string    `json:"tokenHash"`
	At        time.Time `json:"at"`
}

// ActiveOrganizationSet records the organization a session works in by
// default (Better Auth's activeOrganizationId); OrganizationID "" clears it.
type ActiveOrganizationSet struct {
	SessionID      string    `json:"sessionId"`
	PersonID       string    `json:"personId"`
	OrganizationID string    `json:"organizationId,omitempty"`
	At             time.Time `json:"at"`
}

// EventType implements domain.Event.
func (ActiveOrganizationSet) EventType() string { return TypeActiveOrganizationSet }

// EventType implements domain.Event.
func (Created) EventType() string { return TypeCreated }

// EventType implements domain.Event.
func (Refreshed) EventType() string { return TypeRefreshed }

// EventType implements domain.Event.
func (Revoked) EventType() string { return TypeRevoked }

// EventType implements domain.Event.
func (Expired) EventType() string { return TypeExpired }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event {
	return []domain.Event{Created{}, Refreshed{}, Revoked{}, Expired{}, ActiveOrganizationSet{}}
}
