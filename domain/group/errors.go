package group

import "github.com/authledger/authledger/domain"

// Error codes of the organization plugin. Codes and messages are Better
// Auth's (ORGANIZATION_ERROR_CODES), so the official client's error
// handling works unchanged. The API maps each code to an HTTP status.
const (
	CodeOrganizationAlreadyExists   domain.Code = "ORGANIZATION_ALREADY_EXISTS"
	CodeOrganizationNotFound        domain.Code = "ORGANIZATION_NOT_FOUND"
	CodeUserNotMember               domain.Code = "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"
	CodeNotAllowedToUpdateOrg       domain.Code = "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION"
	CodeNotAllowedToDeleteOrg       domain.Code = "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_ORGANIZATION"
	CodeAlreadyMember               domain.Code = "USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION"
	CodeMemberNotFound              domain.Code = "MEMBER_NOT_FOUND"
	CodeRoleNotFound                domain.Code = "ROLE_NOT_FOUND"
	CodeOnlyOwnerCannotLeave        domain.Code = "YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER"
	CodeWithoutOwner                domain.Code = "YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER"
	CodeNotAllowedToDeleteMember    domain.Code = "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER"
	CodeNotAllowedToInvite          domain.Code = "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION"
	CodeAlreadyInvited              domain.Code = "USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION"
	CodeInvitationNotFound          domain.Code = "INVITATION_NOT_FOUND"
	CodeInvitationExpired           domain.Code = "INVITATION_EXPIRED"
	CodeNotRecipient                domain.Code = "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION"
	CodeEmailVerificationRequired   domain.Code = "EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION"
	CodeNotAllowedToCancel          domain.Code = "YOU_ARE_NOT_ALLOWED_TO_CANCEL_THIS_INVITATION"
	CodeNotAllowedToInviteWithRole  domain.Code = "YOU_ARE_NOT_ALLOWED_TO_INVITE_USER_WITH_THIS_ROLE"
	CodeNotAllowedToUpdateMember    domain.Code = "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER"
	CodeMembershipLimitReached      domain.Code = "ORGANIZATION_MEMBERSHIP_LIMIT_REACHED"
	CodeInvitationLimitReached      domain.Code = "INVITATION_LIMIT_REACHED"
	CodeYouAreNotAMemberOfThisGroup domain.Code = "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION"
)

// Sentinel errors, compared with errors.Is (by code).
var (
	ErrOrganizationAlreadyExists = domain.Errorf(CodeOrganizationAlreadyExists, "Organization already exists")
	ErrOrganizationNotFound      = domain.Errorf(CodeOrganizationNotFound, "Organization not found")
	ErrUserNotMember             = domain.Errorf(CodeUserNotMember, "User is not a member of the organization")
	ErrNotAllowedToUpdateOrg     = domain.Errorf(CodeNotAllowedToUpdateOrg, "You are not allowed to update this organization")
	ErrNotAllowedToDeleteOrg     = domain.Errorf(CodeNotAllowedToDeleteOrg, "You are not allowed to delete this organization")
	ErrAlreadyMember             = domain.Errorf(CodeAlreadyMember, "User is already a member of this organization")
	ErrMemberNotFound            = domain.Errorf(CodeMemberNotFound, "Member not found")
	ErrRoleNotFound              = domain.Errorf(CodeRoleNotFound, "Role not found")
	ErrOnlyOwnerCannotLeave      = domain.Errorf(CodeOnlyOwnerCannotLeave, "You cannot leave the organization as the only owner")
	ErrWithoutOwner              = domain.Errorf(CodeWithoutOwner, "You cannot leave the organization without an owner")
	ErrNotAllowedToDeleteMember  = domain.Errorf(CodeNotAllowedToDeleteMember, "You are not allowed to delete this member")
	ErrNotAllowedToInvite        = domain.Errorf(CodeNotAllowedToInvite, "You are not allowed to invite users to this organization")
	ErrAlreadyInvited            = domain.Errorf(CodeAlreadyInvited, "User is already invited to this organization")
	ErrInvitationNotFound        = domain.Errorf(CodeInvitationNotFound, "Invitation not found")
	ErrInvitationExpired         = domain.Errorf(CodeInvitationExpired, "Invitation has expired")
	ErrNotRecipient              = domain.Errorf(CodeNotRecipient, "You are not the recipient of the invitation")
	ErrEmailVerificationRequired = domain.Errorf(CodeEmailVerificationRequired,
		"Email verification required before accepting or rejecting invitation")
	ErrNotAllowedToCancel         = domain.Errorf(CodeNotAllowedToCancel, "You are not allowed to cancel this invitation")
	ErrNotAllowedToInviteWithRole = domain.Errorf(CodeNotAllowedToInviteWithRole,
		"You are not allowed to invite a user with this role")
	ErrNotAllowedToUpdateMember = domain.Errorf(CodeNotAllowedToUpdateMember, "You are not allowed to update this member")
	ErrMembershipLimitReached   = domain.Errorf(CodeMembershipLimitReached, "Organization membership limit reached")
	ErrInvitationLimitReached   = domain.Errorf(CodeInvitationLimitReached, "Invitation limit reached")
	// ErrNotAMemberOfThisGroup is for reads (list members, get role) by a
	// person outside the organization; no command returns it.
	ErrNotAMemberOfThisGroup = domain.Errorf(CodeYouAreNotAMemberOfThisGroup, "You are not a member of this organization")
)
