package orgs

import "github.com/authledger/authledger/domain"

// Codes the organization use cases add to group's (Better Auth's).
const (
	CodeSlugTaken                 domain.Code = "ORGANIZATION_SLUG_ALREADY_TAKEN"
	CodeNoActiveOrganization      domain.Code = "NO_ACTIVE_ORGANIZATION"
	CodeInvitationEmailUnverified domain.Code = "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION"
)

// Sentinel errors, compared with errors.Is (by code).
var (
	// ErrSlugTaken: another organization holds the slug.
	ErrSlugTaken = domain.Errorf(CodeSlugTaken, "Organization slug already taken")
	// ErrNoActiveOrganization: the call names no organization and the
	// session has no active one.
	ErrNoActiveOrganization = domain.Errorf(CodeNoActiveOrganization, "No active organization")
	// ErrInvitationEmailUnverified: listing one's invitations needs a
	// verified email.
	ErrInvitationEmailUnverified = domain.Errorf(CodeInvitationEmailUnverified,
		"Email verification required to view or list invitations for the session email")
)
