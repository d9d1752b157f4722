package ontology

import (
	"encoding/json"
	"time"
)

// Dimension names one of the six read tables.
type Dimension string

// The six dimensions.
const (
	Groups      Dimension = "groups"
	People      Dimension = "people"
	Things      Dimension = "things"
	Connections Dimension = "connections"
	Events      Dimension = "events"
	Knowledge   Dimension = "knowledge"
)

// Dimensions lists all six in a fixed order.
func Dimensions() []Dimension {
	return []Dimension{Groups, People, Things, Connections, Events, Knowledge}
}

// Group is an organization (later: team).
type Group struct {
	ID        string          `json:"id"`
	Kind      string          `json:"kind"` // "organization"
	Name      string          `json:"name"`
	Slug      string          `json:"slug"`
	Data      json.RawMessage `json:"data,omitempty"` // logo, metadata
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
}

// Person is a user.
type Person struct {
	ID               string          `json:"id"`
	Name             string          `json:"name"`
	Email            string          `json:"email"`
	EmailVerified    bool            `json:"emailVerified"`
	Image            string          `json:"image,omitempty"`
	Role             string          `json:"role"`
	Status           string          `json:"status"` // "active", "banned", "erased"
	TwoFactorEnabled bool            `json:"twoFactorEnabled"`
	Fields           json.RawMessage `json:"fields,omitempty"` // additional user fields, a JSON object
	CreatedAt        time.Time       `json:"createdAt"`
	UpdatedAt        time.Time       `json:"updatedAt"`
	// LastSignInAt is the last completed sign-in (password, passkey or
	// social; nil: none yet); how and through which provider are in the
	// knowledge dimension (last_sign_in_method, last_sign_in_provider).
	LastSignInAt *time.Time `json:"lastSignInAt,omitempty"`
}

// Thing is an owned object: a session, passkey, TOTP factor, invitation, API key.
type Thing struct {
	ID        string          `json:"id"`
	Kind      string          `json:"kind"` // "session", …
	OwnerID   string          `json:"ownerId"`
	Status    string          `json:"status"` // "active", "revoked", "expired"
	Data      json.RawMessage `json:"data,omitempty"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
	ExpiresAt *time.Time      `json:"expiresAt,omitempty"`
}

// Connection is an edge between two entities.
type Connection struct {
	ID        string          `json:"id"`
	FromKind  string          `json:"fromKind"` // "person"
	FromID    string          `json:"fromId"`
	Relation  string          `json:"relation"` // "has_account", "linked_account", "owns", "member_of", "invited_to"
	ToKind    string          `json:"toKind"`   // "account", "session", "group"
	ToID      string          `json:"toId"`
	Role      string          `json:"role,omitempty"`
	Data      json.RawMessage `json:"data,omitempty"`
	CreatedAt time.Time       `json:"createdAt"`
	UpdatedAt time.Time       `json:"updatedAt"`
}

// Event is one redacted audit row per stored event.
type Event struct {
	Position   string    `json:"position"` // eventstore.Position text form
	Seq        int64     `json:"seq"`      // dense 1-based order of application, the cursor
	OccurredAt time.Time `json:"occurredAt"`
	Type       string    `json:"type"`
	Stream     string    `json:"stream"`
	Actor      string    `json:"actor,omitempty"`
	Subject    string    `json:"subject,omitempty"`
	GroupID    string    `json:"groupId,omitempty"`
	Outcome    string    `json:"outcome"` // "success", "failure"
	RequestID  string    `json:"requestId,omitempty"`
}

// Fact is one knowledge row: a derived fact about a subject.
type Fact struct {
	SubjectID string          `json:"subjectId"`
	Key       string          `json:"key"` // "last_sign_in_at", "failed_sign_ins", "password_changed_at"
	Value     json.RawMessage `json:"value"`
	UpdatedAt time.Time       `json:"updatedAt"`
}
