package orgs

import (
	"time"

	"github.com/authledger/authledger/api/hooks"
	"github.com/authledger/authledger/eventstore"
)

// DefaultInvitationExpiresIn is Better Auth's invitation lifetime.
const DefaultInvitationExpiresIn = 48 * time.Hour

// DefaultStateCacheSize bounds the organizations kept folded in memory.
const DefaultStateCacheSize = 1024

// Config configures the organization use cases. Zero values take Better
// Auth's defaults.
type Config struct {
	// InvitationExpiresIn is how long an invitation can be answered
	// (default 48 h).
	InvitationExpiresIn time.Duration
	// RequireEmailVerificationOnInvitation makes accepting and rejecting
	// an invitation require a verified email.
	RequireEmailVerificationOnInvitation bool
	// MembershipLimit and InvitationLimit cap members and pending
	// invitations per organization (0: group.DefaultMembershipLimit and
	// group.DefaultInvitationLimit, 100 each).
	MembershipLimit int
	InvitationLimit int
	// StateCacheSize bounds the organizations whose folded state (and
	// sorted member list) is kept in memory between calls (default 1024).
	StateCacheSize int
	// Snapshots keeps organization snapshots beside the log (nil: none),
	// written once a fold went SnapshotAfter records (default
	// DefaultSnapshotAfter) past the last one; see snapshot.go.
	Snapshots     eventstore.SnapshotStore
	SnapshotAfter int
	// Hooks asks the operator's before-hook about each new organization
	// (nil: no hook).
	Hooks *hooks.Guard
}

// Defaults returns c with the zero durations and sizes filled.
func (c Config) Defaults() Config {
	if c.InvitationExpiresIn <= 0 {
		c.InvitationExpiresIn = DefaultInvitationExpiresIn
	}
	if c.SnapshotAfter <= 0 {
		c.SnapshotAfter = DefaultSnapshotAfter
	}
	if c.StateCacheSize <= 0 {
		c.StateCacheSize = DefaultStateCacheSize
	}
	return c
}
