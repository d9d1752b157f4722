package origin

import "github.com/authledger/authledger/domain"

// Better Auth's error codes for origin and redirect checks. Every one maps
// to HTTP 403.
const (
	CodeInvalidOrigin             domain.Code = "INVALID_ORIGIN"
	CodeMissingOrNullOrigin       domain.Code = "MISSING_OR_NULL_ORIGIN"
	CodeCrossSiteNavigation       domain.Code = "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED"
	CodeInvalidCallbackURL        domain.Code = "INVALID_CALLBACK_URL"
	CodeInvalidRedirectURL        domain.Code = "INVALID_REDIRECT_URL"
	CodeInvalidErrorCallbackURL   domain.Code = "INVALID_ERROR_CALLBACK_URL"
	CodeInvalidNewUserCallbackURL domain.Code = "INVALID_NEW_USER_CALLBACK_URL"
)

// Errors with Better Auth's messages (from @better-auth/core 1.7.25).
var (
	ErrInvalidOrigin             = domain.Errorf(CodeInvalidOrigin, "Invalid origin")
	ErrMissingOrNullOrigin       = domain.Errorf(CodeMissingOrNullOrigin, "Missing or null Origin")
	ErrCrossSiteNavigation       = domain.Errorf(CodeCrossSiteNavigation, "Cross-site navigation login blocked. This request appears to be a CSRF attack.")
	ErrInvalidCallbackURL        = domain.Errorf(CodeInvalidCallbackURL, "Invalid callbackURL")
	ErrInvalidRedirectURL        = domain.Errorf(CodeInvalidRedirectURL, "Invalid redirectURL")
	ErrInvalidErrorCallbackURL   = domain.Errorf(CodeInvalidErrorCallbackURL, "Invalid errorCallbackURL")
	ErrInvalidNewUserCallbackURL = domain.Errorf(CodeInvalidNewUserCallbackURL, "Invalid newUserCallbackURL")
)
