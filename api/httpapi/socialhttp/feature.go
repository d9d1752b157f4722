// Package socialhttp is the HTTP surface of social sign-in: POST
// /sign-in/social answers the provider's authorization URL and binds the
// flow's state to the browser with a signed cookie; GET /callback/:id
// takes the provider's answer and redirects the browser, signed in or with
// ?error=<code>; GET /list-accounts answers the caller's accounts,
// POST /unlink-account removes an external one and POST /link-social
// starts a flow linking a provider's account to the signed-in caller;
// POST /get-access-token and /refresh-token answer the provider's tokens
// of one of the caller's accounts (refreshed through the provider) and GET
// /account-info what the provider's user info says of it; sign-in/social
// with an idToken signs in at once. Handlers decode, call one use case of
// api/social, encode.
package socialhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	domsocial "github.com/authledger/authledger/domain/social"
)

// Feature serves the social sign-in routes.
type Feature struct {
	kit *wire.Kit
	svc *social.Service
}

// New returns the social sign-in feature over the use cases svc.
func New(kit *wire.Kit, svc *social.Service) *Feature { return &Feature{kit: kit, svc: svc} }

// AuthRoutes is the social sign-in surface under /api/auth.
func (f *Feature) AuthRoutes() []wire.Route {
	return []wire.Route{
		{Method: "POST", Path: "/sign-in/social", Handler: f.signIn, SignInOrUp: true, Body: signInBody{}},
		{Method: "GET", Path: "/callback/:id", Handler: f.callback},
		f.formPostRoute(),
		{Method: "GET", Path: "/list-accounts", Handler: f.listAccounts},
		{Method: "POST", Path: "/unlink-account", Handler: f.unlinkAccount, Body: unlinkBody{}},
		{Method: "POST", Path: "/link-social", Handler: f.linkSocial, Body: linkBody{}},
		{Method: "POST", Path: "/get-access-token", Handler: f.getAccessToken, Body: tokenBody{}},
		{Method: "POST", Path: "/refresh-token", Handler: f.refreshToken, Body: tokenBody{}},
		{Method: "GET", Path: "/account-info", Handler: f.accountInfo},
	}
}

// AdminRoutes is empty: social sign-in has no admin surface.
func (f *Feature) AdminRoutes() []wire.Route { return nil }

// Statuses maps the social sign-in codes: an unknown provider is a 404, a
// flow that cannot complete a 400, an unknown account or the last way in
// (unlink-account) a 400; the provider token routes' refusals are 400s;
// ID token sign-in answers a provider without ID tokens with a 404, an
// ID token without an email or refused by the linking rules with a 401.
// (INVALID_TOKEN and FAILED_TO_GET_USER_INFO, whose status is another
// elsewhere, are answered 401 by their handlers.)
func (f *Feature) Statuses() wire.Statuses {
	return wire.Statuses{social.CodeProviderNotFound: http.StatusNotFound, domsocial.CodeStateMismatch: http.StatusBadRequest,
		account.CodeAccountNotFound: http.StatusBadRequest, person.CodeLastAccount: http.StatusBadRequest,
		social.CodeProviderNotSupported: http.StatusBadRequest, social.CodeFailedToGetAccessToken: http.StatusBadRequest,
		social.CodeFailedToRefreshAccessToken: http.StatusBadRequest, social.CodeRefreshTokenNotFound: http.StatusBadRequest,
		social.CodeAccessTokenNotFound: http.StatusBadRequest, social.CodeIDTokenNotSupported: http.StatusNotFound,
		social.CodeUserEmailNotFound: http.StatusUnauthorized, social.CodeOAuthLinkError: http.StatusUnauthorized}
}
