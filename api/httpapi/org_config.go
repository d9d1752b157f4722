package httpapi

import "time"

// DefaultInvitationExpiresIn is Better Auth's invitation lifetime.
const DefaultInvitationExpiresIn = 48 * time.Hour

// OrgConfig configures the organization routes. Zero values take Better
// Auth's defaults.
type OrgConfig struct {
	// InvitationExpiresIn is how long an invitation can be answered
	// (default 48 h).
	InvitationExpiresIn time.Duration
	// RequireEmailVerificationOnInvitation makes accepting and rejecting
	// an invitation require a verified email.
	RequireEmailVerificationOnInvitation bool
	// MembershipLimit and InvitationLimit cap members and pending
	// invitations per organization (default 100 each).
	MembershipLimit int
	InvitationLimit int
	// StateCacheSize bounds the organizations whose folded state is kept
	// in memory between requests (default 1024).
	StateCacheSize int
}

// invitationTTL returns the invitation lifetime.
func (o OrgConfig) invitationTTL() time.Duration {
	if o.InvitationExpiresIn <= 0 {
		return DefaultInvitationExpiresIn
	}
	return o.InvitationExpiresIn
}

// cacheSize returns the state cache bound.
func (o OrgConfig) cacheSize() int {
	if o.StateCacheSize <= 0 {
		return 1024
	}
	return o.StateCacheSize
}
