// Package group is the organization aggregate (Better Auth's organization
// plugin): one organization per stream group-<id>, with its members and
// pending invitations inside it, so every membership rule (last owner,
// who may grant which role, invitation bound to its email) is decided from
// one consistent state, never from a projection.
//
// Sealing: emails and free-text reasons are tagged `pii:"true"` and sealed
// by the event store codec with the key named by the record's KeyRef. A
// group stream is sealed with the group's own key (KeyRef = Stream(id)),
// because an invitation's email usually belongs to someone who has no
// account, hence no person key, yet. The invited address itself is sealed
// with a key of its own (EmailKey, see InviteeKeyPrefix), shared by every
// invitation of that address: erasing the person who holds the address,
// or the address of someone who never signed up, destroys that key and
// leaves the invitations with an unreadable email (Invitation.EmailErased).
// Members are referenced by person id only: the group stream never stores
// a member's email. Free-text reasons stay sealed under the group's key.
package group

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeCreated            = "group.created"
	TypeUpdated            = "group.updated"
	TypeDeleted            = "group.deleted"
	TypeMemberAdded        = "group.member_added"
	TypeMemberRemoved      = "group.member_removed"
	TypeMemberRoleChanged  = "group.member_role_changed"
	TypeMemberLeft         = "group.member_left"
	TypeInvitationCreated  = "group.invitation_created"
	TypeInvitationResent   = "group.invitation_resent"
	TypeInvitationAccepted = "group.invitation_accepted"
	TypeInvitationRejected = "group.invitation_rejected"
	TypeInvitationCanceled = "group.invitation_canceled"
	TypeInvitationExpired  = "group.invitation_expired"
)

// InviteeKeyPrefix starts the key ref that seals an invited address: the
// prefix then a keyed hash of the canonical address (computed by the
// application, which holds the hashing key), so the ref names the address
// without revealing it.
const InviteeKeyPrefix = "invitee-"

// ErasedEmail is what reads show for an invitation whose address was
// erased.
const ErasedEmail = "[erased]"

// Stream returns the stream name of an organization; it is also the KeyRef
// that seals the stream's personal data.
func Stream(id string) string { return domain.GroupStreamPrefix + id }

// Created records a new organization. Metadata is a JSON object or "".
// The creator joins as owner in the MemberAdded that follows.
type Created struct {
	GroupID  string    `json:"groupId"`
	Name     string    `json:"name"`
	Slug     string    `json:"slug"`
	Logo     string    `json:"logo,omitempty"`
	Metadata string    `json:"metadata,omitempty"`
	Actor    string    `json:"actor"`
	Reason   string    `json:"reason,omitempty" pii:"true"`
	At       time.Time `json:"at"`
}

// Updated records changed organization fields: only those whose Set* flag
// is true changed. PreviousSlug is set with SetSlug, so the slug claim to
// release can be read from the event alone.
type Updated struct {
	GroupID      string    `json:"groupId"`
	SetName      bool      `json:"setName,omitempty"`
	Name         string    `json:"name,omitempty"`
	SetSlug      bool      `json:"setSlug,omitempty"`
	Slug         string    `json:"slug,omitempty"`
	PreviousSlug string    `json:"previousSlug,omitempty"`
	SetLogo      bool      `json:"setLogo,omitempty"`
	Logo         string    `json:"logo,omitempty"`
	SetMetadata  bool      `json:"setMetadata,omitempty"`
	Metadata     string    `json:"metadata,omitempty"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// Deleted records the end of the organization; its stream refuses every
// later command. Slug is the slug whose claim is released.
type Deleted struct {
	GroupID string    `json:"groupId"`
	Slug    string    `json:"slug"`
	Actor   string    `json:"actor"`
	Reason  string    `json:"reason,omitempty" pii:"true"`
	At      time.Time `json:"at"`
}

// MemberAdded records a person joining with Role: the creator as owner, or
// an invitee accepting InvitationID.
type MemberAdded struct {
	GroupID      string    `json:"groupId"`
	MemberID     string    `json:"memberId"`
	PersonID     string    `json:"personId"`
	Role         string    `json:"role"`
	InvitationID string    `json:"invitationId,omitempty"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// MemberRemoved records that Actor removed another member.
type MemberRemoved struct {
	GroupID  string    `json:"groupId"`
	MemberID string    `json:"memberId"`
	PersonID string    `json:"personId"`
	Role     string    `json:"role"`
	Actor    string    `json:"actor"`
	Reason   string    `json:"reason,omitempty" pii:"true"`
	At       time.Time `json:"at"`
}

// MemberRoleChanged records a member's new Role.
type MemberRoleChanged struct {
	GroupID      string    `json:"groupId"`
	MemberID     string    `json:"memberId"`
	PersonID     string    `json:"personId"`
	Role         string    `json:"role"`
	PreviousRole string    `json:"previousRole"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// MemberLeft records that a member left on their own (Actor == PersonID).
type MemberLeft struct {
	GroupID  string    `json:"groupId"`
	MemberID string    `json:"memberId"`
	PersonID string    `json:"personId"`
	Role     string    `json:"role"`
	Actor    string    `json:"actor"`
	Reason   string    `json:"reason,omitempty" pii:"true"`
	At       time.Time `json:"at"`
}

// InvitationCreated records a pending invitation of Email (canonical) with
// Role, sent by Actor (Better Auth's inviterId). Email is sealed with the
// key EmailKey names (the invitee's key, InviteeKeyPrefix…); invitations
// recorded before that key existed have no EmailKey and are sealed with the
// group's key.
type InvitationCreated struct {
	GroupID      string    `json:"groupId"`
	InvitationID string    `json:"invitationId"`
	Email        string    `json:"email" pii:"true" keyref:"EmailKey"`
	EmailKey     string    `json:"emailKey,omitempty"`
	Role         string    `json:"role"`
	ExpiresAt    time.Time `json:"expiresAt"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// InvitationResent records a re-invitation of a pending invitation with a
// new expiry (the email is sent again by the caller).
type InvitationResent struct {
	GroupID      string    `json:"groupId"`
	InvitationID string    `json:"invitationId"`
	ExpiresAt    time.Time `json:"expiresAt"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// InvitationAccepted records that the invitee (Actor) accepted; the
// MemberAdded with the same MemberID follows in the same append.
type InvitationAccepted struct {
	GroupID      string    `json:"groupId"`
	InvitationID string    `json:"invitationId"`
	MemberID     string    `json:"memberId"`
	Role         string    `json:"role"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// InvitationRejected records that the invitee (Actor) declined.
type InvitationRejected struct {
	GroupID      string    `json:"groupId"`
	InvitationID string    `json:"invitationId"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// InvitationCanceled records that a member (Actor) withdrew the invitation.
type InvitationCanceled struct {
	GroupID      string    `json:"groupId"`
	InvitationID string    `json:"invitationId"`
	Actor        string    `json:"actor"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// InvitationExpired records that a pending invitation was found past its
// expiry (by a sweep, or when the same email is invited again). Actor is
// "" for the system.
type InvitationExpired struct {
	GroupID      string    `json:"groupId"`
	InvitationID string    `json:"invitationId"`
	ExpiresAt    time.Time `json:"expiresAt"`
	Actor        string    `json:"actor,omitempty"`
	Reason       string    `json:"reason,omitempty" pii:"true"`
	At           time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Created) EventType() string { return TypeCreated }

// EventType implements domain.Event.
func (Updated) EventType() string { return TypeUpdated }

// EventType implements domain.Event.
func (Deleted) EventType() string { return TypeDeleted }

// EventType implements domain.Event.
func (MemberAdded) EventType() string { return TypeMemberAdded }

// EventType implements domain.Event.
func (MemberRemoved) EventType() string { return TypeMemberRemoved }

// EventType implements domain.Event.
func (MemberRoleChanged) EventType() string { return TypeMemberRoleChanged }

// EventType implements domain.Event.
func (MemberLeft) EventType() string { return TypeMemberLeft }

// EventType implements domain.Event.
func (InvitationCreated) EventType() string { return TypeInvitationCreated }

// EventType implements domain.Event.
func (InvitationResent) EventType() string { return TypeInvitationResent }

// EventType implements domain.Event.
func (InvitationAccepted) EventType() string { return TypeInvitationAccepted }

// EventType implements domain.Event.
func (InvitationRejected) EventType() string { return TypeInvitationRejected }

// EventType implements domain.Event.
func (InvitationCanceled) EventType() string { return TypeInvitationCanceled }

// EventType implements domain.Event.
func (InvitationExpired) EventType() string { return TypeInvitationExpired }

// Events lists every event of this aggregate (zero values), for the codec
// registry and the exhaustiveness tests.
func Events() []domain.Event {
	return []domain.Event{Created{}, Updated{}, Deleted{}, MemberAdded{}, MemberRemoved{}, MemberRoleChanged{},
		MemberLeft{}, InvitationCreated{}, InvitationResent{}, InvitationAccepted{}, InvitationRejected{},
		InvitationCanceled{}, InvitationExpired{}}
}
