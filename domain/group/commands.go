package group

import "time"

// Default limits of Better Auth's organization plugin, used when a command
// leaves its limit at zero.
const (
	DefaultMembershipLimit = 100
	DefaultInvitationLimit = 100
)

// Every command carries Actor (the acting person's id), At (the caller's
// clock) and an optional free-text Reason recorded in its events. IDs,
// canonical emails and expiries are produced by the caller, which also
// holds the slug claim for CreateOrganization and UpdateOrganization.

// CreateOrganization creates the organization; Actor joins as owner with
// member id MemberID. Metadata is a JSON object or "".
type CreateOrganization struct {
	GroupID  string
	MemberID string
	Name     string
	Slug     string
	Logo     string
	Metadata string
	Actor    string
	Reason   string
	At       time.Time
}

// UpdateOrganization changes the fields whose pointer is not nil; a
// pointer to "" clears logo or metadata.
type UpdateOrganization struct {
	Name     *string
	Slug     *string
	Logo     *string
	Metadata *string
	Actor    string
	Reason   string
	At       time.Time
}

// DeleteOrganization deletes the organization.
type DeleteOrganization struct {
	Actor  string
	Reason string
	At     time.Time
}

// InviteMember invites Email (canonical) with Role (comma-separated
// roles). InviteePersonID is the person the caller found for the email
// through the email claim ("" when nobody has it yet), so a member is not
// invited again. With Resend, a pending invitation of the same email gets
// ExpiresAt instead of an error. InvitationLimit caps pending invitations
// (0: DefaultInvitationLimit). EmailKey is the key ref that seals Email in
// the event (InviteeKeyPrefix…; "" seals it with the group's key).
type InviteMember struct {
	InvitationID    string
	Email           string
	EmailKey        string
	Role            string
	InviteePersonID string
	Resend          bool
	ExpiresAt       time.Time
	InvitationLimit int
	Actor           string
	Reason          string
	At              time.Time
}

// AcceptInvitation is the invitee (Actor) accepting; Email is the
// invitee's canonical email and EmailVerified its state, checked when
// RequireEmailVerification is set. The new membership gets MemberID.
// MembershipLimit caps the members (0: DefaultMembershipLimit).
type AcceptInvitation struct {
	InvitationID             string
	MemberID                 string
	Email                    string
	EmailVerified            bool
	RequireEmailVerification bool
	MembershipLimit          int
	Actor                    string
	Reason                   string
	At                       time.Time
}

// RejectInvitation is the invitee (Actor) declining, with the same
// recipient checks as AcceptInvitation.
type RejectInvitation struct {
	InvitationID             string
	Email                    string
	EmailVerified            bool
	RequireEmailVerification bool
	Actor                    string
	Reason                   string
	At                       time.Time
}

// CancelInvitation withdraws a pending invitation.
type CancelInvitation struct {
	InvitationID string
	Actor        string
	Reason       string
	At           time.Time
}

// ExpireInvitation records that a pending invitation is past its expiry;
// a system command (Actor may be ""), a no-op before the expiry.
type ExpireInvitation struct {
	InvitationID string
	Actor        string
	Reason       string
	At           time.Time
}

// RemoveMember removes another member, named by MemberID or by PersonID.
// Better Auth's memberIdOrEmail: an email is canonicalized and resolved to
// a person through the email claim by the caller, so the group stream
// never needs members' emails.
type RemoveMember struct {
	MemberID string
	PersonID string
	Actor    string
	Reason   string
	At       time.Time
}

// UpdateMemberRole sets a member's Role (comma-separated roles).
type UpdateMemberRole struct {
	MemberID string
	Role     string
	Actor    string
	Reason   string
	At       time.Time
}

// Leave is Actor leaving the organization.
type Leave struct {
	Actor  string
	Reason string
	At     time.Time
}

// Command is any group command.
type Command interface{ isGroupCommand() }

func (CreateOrganization) isGroupCommand() {}
func (UpdateOrganization) isGroupCommand() {}
func (DeleteOrganization) isGroupCommand() {}
func (InviteMember) isGroupCommand()       {}
func (AcceptInvitation) isGroupCommand()   {}
func (RejectInvitation) isGroupCommand()   {}
func (CancelInvitation) isGroupCommand()   {}
func (ExpireInvitation) isGroupCommand()   {}
func (RemoveMember) isGroupCommand()       {}
func (UpdateMemberRole) isGroupCommand()   {}
func (Leave) isGroupCommand()              {}
