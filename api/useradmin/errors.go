package useradmin

import "github.com/authledger/authledger/domain"

// Better Auth's admin plugin error codes.
const (
	CodeNotAllowedToCreate         domain.Code = "YOU_ARE_NOT_ALLOWED_TO_CREATE_USERS"
	CodeNotAllowedToList           domain.Code = "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS"
	CodeNotAllowedToListSessions   domain.Code = "YOU_ARE_NOT_ALLOWED_TO_LIST_USERS_SESSIONS"
	CodeNotAllowedToBan            domain.Code = "YOU_ARE_NOT_ALLOWED_TO_BAN_USERS"
	CodeNotAllowedToImpersonate    domain.Code = "YOU_ARE_NOT_ALLOWED_TO_IMPERSONATE_USERS"
	CodeNotAllowedToRevokeSessions domain.Code = "YOU_ARE_NOT_ALLOWED_TO_REVOKE_USERS_SESSIONS"
	CodeNotAllowedToDelete         domain.Code = "YOU_ARE_NOT_ALLOWED_TO_DELETE_USERS"
	CodeNotAllowedToSetPassword    domain.Code = "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_PASSWORD"
	CodeNotAllowedToChangeRole     domain.Code = "YOU_ARE_NOT_ALLOWED_TO_CHANGE_USERS_ROLE"
	CodeNotAllowedToGet            domain.Code = "YOU_ARE_NOT_ALLOWED_TO_GET_USER"
	CodeNotAllowedToUpdate         domain.Code = "YOU_ARE_NOT_ALLOWED_TO_UPDATE_USERS"
	CodeNotAllowedToSetEmail       domain.Code = "YOU_ARE_NOT_ALLOWED_TO_SET_USERS_EMAIL"
	CodeCannotBanYourself          domain.Code = "YOU_CANNOT_BAN_YOURSELF"
	CodeCannotRemoveYourself       domain.Code = "YOU_CANNOT_REMOVE_YOURSELF"
	CodeCannotImpersonateAdmins    domain.Code = "YOU_CANNOT_IMPERSONATE_ADMINS"
	CodeNoDataToUpdate             domain.Code = "NO_DATA_TO_UPDATE"
	CodePasswordViaUpdateUser      domain.Code = "PASSWORD_CANNOT_BE_UPDATED_VIA_UPDATE_USER"
	CodeUserIDCannotBeUpdated      domain.Code = "USER_ID_CANNOT_BE_UPDATED"
	CodeUserNotFound               domain.Code = "USER_NOT_FOUND"
	CodeNotImpersonating           domain.Code = "NOT_IMPERSONATING"
	CodeAdminSessionNotFound       domain.Code = "ADMIN_SESSION_NOT_FOUND"
)

// The refusals, with Better Auth's messages.
var (
	ErrNotAllowedToCreate         = domain.Errorf(CodeNotAllowedToCreate, "You are not allowed to create users")
	ErrNotAllowedToList           = domain.Errorf(CodeNotAllowedToList, "You are not allowed to list users")
	ErrNotAllowedToListSessions   = domain.Errorf(CodeNotAllowedToListSessions, "You are not allowed to list users sessions")
	ErrNotAllowedToBan            = domain.Errorf(CodeNotAllowedToBan, "You are not allowed to ban users")
	ErrNotAllowedToImpersonate    = domain.Errorf(CodeNotAllowedToImpersonate, "You are not allowed to impersonate users")
	ErrNotAllowedToRevokeSessions = domain.Errorf(CodeNotAllowedToRevokeSessions, "You are not allowed to revoke users sessions")
	ErrNotAllowedToDelete         = domain.Errorf(CodeNotAllowedToDelete, "You are not allowed to delete users")
	ErrNotAllowedToSetPassword    = domain.Errorf(CodeNotAllowedToSetPassword, "You are not allowed to set users password")
	ErrNotAllowedToChangeRole     = domain.Errorf(CodeNotAllowedToChangeRole, "You are not allowed to change users role")
	ErrNotAllowedToGet            = domain.Errorf(CodeNotAllowedToGet, "You are not allowed to get user")
	ErrNotAllowedToUpdate         = domain.Errorf(CodeNotAllowedToUpdate, "You are not allowed to update users")
	ErrNotAllowedToSetEmail       = domain.Errorf(CodeNotAllowedToSetEmail, "You are not allowed to update users email")
	ErrCannotBanYourself          = domain.Errorf(CodeCannotBanYourself, "You cannot ban yourself")
	ErrCannotRemoveYourself       = domain.Errorf(CodeCannotRemoveYourself, "You cannot remove yourself")
	ErrCannotImpersonateAdmins    = domain.Errorf(CodeCannotImpersonateAdmins, "You cannot impersonate admins")
	ErrNoDataToUpdate             = domain.Errorf(CodeNoDataToUpdate, "No data to update")
	ErrPasswordViaUpdateUser      = domain.Errorf(CodePasswordViaUpdateUser,
		"Password cannot be updated through update-user. Use the set-user-password endpoint instead")
	ErrUserIDCannotBeUpdated = domain.Errorf(CodeUserIDCannotBeUpdated, "User id cannot be updated")
	ErrUserNotFound          = domain.Errorf(CodeUserNotFound, "User not found")
	ErrNotImpersonating      = domain.Errorf(CodeNotImpersonating, "You are not impersonating anyone")
	ErrAdminSessionNotFound  = domain.Errorf(CodeAdminSessionNotFound, "Failed to find admin session")
	// ErrNoPermissions refuses a permission check that asks for nothing.
	ErrNoPermissions = domain.Errorf(domain.CodeBadRequest, "invalid permission check. no permission(s) were passed.")
)
