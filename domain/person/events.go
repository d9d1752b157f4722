// Package person is the person aggregate: a human who signs up, has a
// profile and additional fields, and can be erased. Stream: person-<id>.
package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeSignedUp       = "person.signed_up"
	TypeProfileUpdated = "person.profile_updated"
	TypeBanned         = "person.banned"
	TypeUnbanned       = "person.unbanned"
)

// SignedUp records a new person. Fields holds the additional user fields as
// a JSON object (sealed: it may contain personal data).
type SignedUp struct {
	PersonID            string    `json:"personId"`
	Email               string    `json:"email" pii:"true"`
	Name                string    `json:"name" pii:"true"`
	Image               string    `json:"image,omitempty" pii:"true"`
	EmailVerified       bool      `json:"emailVerified"`
	Role                string    `json:"role"`
	Fields              string    `json:"fields,omitempty" pii:"true"`
	CredentialAccountID string    `json:"credentialAccountId,omitempty"`
	At                  time.Time `json:"at"`
}

// ProfileUpdated records a profile change. Only the Set* flags that are
// true changed; Fields holds the changed additional fields as JSON.
type ProfileUpdated struct {
	PersonID string    `json:"personId"`
	SetName  bool      `json:"setName,omitempty"`
	Name     string    `json:"name,omitempty" pii:"true"`
	SetImage bool      `json:"setImage,omitempty"`
	Image    string    `json:"image,omitempty" pii:"true"`
	Fields   string    `json:"fields,omitempty" pii:"true"`
	At       time.Time `json:"at"`
}

// Banned records that an administrator banned the person: every session
// ends and sign-in is refused until Unbanned.
type Banned struct {
	PersonID string `json:"personId"`
	Reason   string `json:"reason,omitempty" pii:"true"`
	// Expires is when the ban ends by itself (zero: never).
	Expires time.Time `json:"expires,omitzero"`
	At      time.Time `json:"at"`
}

// Unbanned lifts a ban.
type Unbanned struct {
	PersonID string    `json:"personId"`
	At       time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Banned) EventType() string { return TypeBanned }

// EventType implements domain.Event.
func (Unbanned) EventType() string { return TypeUnbanned }

// EventType implements domain.Event.
func (SignedUp) EventType() string { return TypeSignedUp }

// EventType implements domain.Event.
func (ProfileUpdated) EventType() string { return TypeProfileUpdated }

// Events lists every event of this aggregate (zero values), for the codec
// registry and the exhaustiveness tests.
func Events() []domain.Event {
	return []domain.Event{SignedUp{}, ProfileUpdated{}, Banned{}, Unbanned{}, Erased{},
		EmailVerificationRequested{}, EmailVerified{}, EmailChangeRequested{}, EmailChanged{}, DeletionRequested{}, AccountLinked{}, AccountUnlinked{},
		UnprovenAccessRemoved{}, CredentialAdded{}, RoleChanged{}}
}
