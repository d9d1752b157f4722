// Package authenticator is the passkey aggregate of a person: the WebAuthn
// credentials registered to them, their names, and the signature counter
// each last presented. Stream: passkeys-<personID>, sealed with the
// person's key: the credential id, the public key and the name identify
// the person and are tagged pii. Every sign-in by passkey and every
// refused one (a counter that went backwards) is an event.
package authenticator

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeRegistered         = "passkey.registered"
	TypeRenamed            = "passkey.renamed"
	TypeDeleted            = "passkey.deleted"
	TypeUsed               = "passkey.used"
	TypeSignCountRegressed = "passkey.sign_count_regressed"
)

// Registered records a new passkey. CredentialID is the base64url raw
// credential id; PublicKey the base64url COSE key. The flags are those the
// authenticator reported at registration (go-webauthn checks them again at
// every sign-in).
type Registered struct {
	PersonID        string    `json:"personId"`
	PasskeyID       string    `json:"passkeyId"`
	Name            string    `json:"name,omitempty" pii:"true"`
	CredentialID    string    `json:"credentialId" pii:"true"`
	PublicKey       string    `json:"publicKey" pii:"true"`
	AttestationType string    `json:"attestationType,omitempty"`
	AAGUID          string    `json:"aaguid,omitempty"`
	SignCount       uint32    `json:"signCount"`
	Transports      string    `json:"transports,omitempty"`
	UserVerified    bool      `json:"userVerified,omitempty"`
	BackupEligible  bool      `json:"backupEligible,omitempty"`
	BackedUp        bool      `json:"backedUp,omitempty"`
	ChallengeID     string    `json:"challengeId,omitempty"`
	At              time.Time `json:"at"`
}

// Renamed records a passkey's new name.
type Renamed struct {
	PersonID  string    `json:"personId"`
	PasskeyID string    `json:"passkeyId"`
	Name      string    `json:"name" pii:"true"`
	At        time.Time `json:"at"`
}

// Deleted records a removed passkey: it can no longer sign in.
type Deleted struct {
	PersonID  string    `json:"personId"`
	PasskeyID string    `json:"passkeyId"`
	At        time.Time `json:"at"`
}

// Used records a sign-in by passkey: the counter it presented, the
// challenge it answered and the session it opened.
type Used struct {
	PersonID    string    `json:"personId"`
	PasskeyID   string    `json:"passkeyId"`
	SignCount   uint32    `json:"signCount"`
	BackedUp    bool      `json:"backedUp,omitempty"`
	ChallengeID string    `json:"challengeId"`
	SessionID   string    `json:"sessionId"`
	At          time.Time `json:"at"`
}

// SignCountRegressed is an audit event: an assertion carried a counter at
// or below the stored one (a cloned authenticator or a replay). The
// sign-in was refused.
type SignCountRegressed struct {
	PersonID    string    `json:"personId"`
	PasskeyID   string    `json:"passkeyId"`
	Stored      uint32    `json:"stored"`
	Presented   uint32    `json:"presented"`
	ChallengeID string    `json:"challengeId"`
	At          time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Registered) EventType() string { return TypeRegistered }

// EventType implements domain.Event.
func (Renamed) EventType() string { return TypeRenamed }

// EventType implements domain.Event.
func (Deleted) EventType() string { return TypeDeleted }

// EventType implements domain.Event.
func (Used) EventType() string { return TypeUsed }

// EventType implements domain.Event.
func (SignCountRegressed) EventType() string { return TypeSignCountRegressed }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event {
	return []domain.Event{Registered{}, Renamed{}, Deleted{}, Used{}, SignCountRegressed{}}
}

// StreamPrefix starts the name of every passkey stream.
const StreamPrefix = "passkeys-"

// Stream returns the passkey stream of a person.
func Stream(personID string) string { return StreamPrefix + personID }
