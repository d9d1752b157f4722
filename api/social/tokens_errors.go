package social

import (
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

// Codes of the provider token routes and of ID token sign-in, Better
// Auth's.
const (
	// CodeProviderNotSupported answers an account whose provider is not
	// (or no longer) configured, or the credential account.
	CodeProviderNotSupported domain.Code = "PROVIDER_NOT_SUPPORTED"
	// CodeFailedToGetAccessToken answers get-access-token without a
	// usable access token (none kept, or the refresh failed).
	CodeFailedToGetAccessToken domain.Code = "FAILED_TO_GET_ACCESS_TOKEN"
	// CodeFailedToRefreshAccessToken answers a refresh the provider refused.
	CodeFailedToRefreshAccessToken domain.Code = "FAILED_TO_REFRESH_ACCESS_TOKEN"
	// CodeRefreshTokenNotFound answers refresh-token for an account
	// without a refresh token.
	CodeRefreshTokenNotFound domain.Code = "REFRESH_TOKEN_NOT_FOUND"
	// CodeAccessTokenNotFound answers account-info for an account without
	// an access token.
	CodeAccessTokenNotFound domain.Code = "ACCESS_TOKEN_NOT_FOUND"
	// CodeFailedToGetUserInfo answers account-info when the provider's
	// user info endpoint refused (401 on that route).
	CodeFailedToGetUserInfo domain.Code = "FAILED_TO_GET_USER_INFO"
	// CodeIDTokenNotSupported answers an ID token sign-in with a provider
	// that issues no ID tokens.
	CodeIDTokenNotSupported domain.Code = "ID_TOKEN_NOT_SUPPORTED"
	// CodeUserEmailNotFound answers an ID token without an email.
	CodeUserEmailNotFound domain.Code = "USER_EMAIL_NOT_FOUND"
	// CodeOAuthLinkError answers an ID token sign-in the linking rules
	// refuse (the message says why).
	CodeOAuthLinkError domain.Code = "OAUTH_LINK_ERROR"
)

// The errors of the token routes and of ID token sign-in.
var (
	ErrFailedToGetAccessToken     = domain.Errorf(CodeFailedToGetAccessToken, "Failed to get a valid access token")
	ErrFailedToRefreshAccessToken = domain.Errorf(CodeFailedToRefreshAccessToken, "Failed to refresh access token")
	ErrRefreshTokenNotFound       = domain.Errorf(CodeRefreshTokenNotFound, "Refresh token not found")
	ErrAccessTokenNotFound        = domain.Errorf(CodeAccessTokenNotFound, "Access token not found")
	ErrFailedToGetUserInfo        = domain.Errorf(CodeFailedToGetUserInfo, "Failed to get user info")
	ErrIDTokenNotSupported        = domain.Errorf(CodeIDTokenNotSupported, "id_token not supported")
	ErrUserEmailNotFound          = domain.Errorf(CodeUserEmailNotFound, "User email not found")
	// ErrInvalidIDToken refuses an ID token that does not verify (401 on
	// sign-in/social, where Better Auth answers INVALID_TOKEN so).
	ErrInvalidIDToken = domain.Errorf(person.CodeInvalidToken, "Invalid token")
)

// errProviderNotSupported names the provider that is not configured.
func errProviderNotSupported(providerID string) error {
	return domain.Errorf(CodeProviderNotSupported, "Provider "+providerID+" is not supported.")
}

// errLinkRefused is an ID token sign-in refused with a flow's reason
// (account_not_linked → "account not linked").
func errLinkRefused(reason string) error {
	return domain.Errorf(CodeOAuthLinkError, strings.ReplaceAll(reason, "_", " "))
}
