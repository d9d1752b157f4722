package socialhttp

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// tokenBody selects one of the caller's accounts, as Better Auth's
// get-access-token and refresh-token take it: accountId (the account's
// id as list-accounts shows it) or useAccountCookie, with an optional
// userId that a session always overrides; providerId (older clients)
// selects the caller's first account of that provider.
type tokenBody struct {
	AccountID        *string `json:"accountId"`
	ProviderID       *string `json:"providerId"`
	UserID           *string `json:"userId"`
	UseAccountCookie *bool   `json:"useAccountCookie"`
}

// input is the use cases' selection, or a validation error when the body
// selects nothing.
func (b tokenBody) input(f *Feature, c echo.Context, a sessions.Authed) (social.TokenInput, error) {
	if b.AccountID == nil && b.ProviderID == nil && (b.UseAccountCookie == nil || !*b.UseAccountCookie) {
		return social.TokenInput{}, domain.Errorf(domain.CodeValidation,
			"[body.accountId] Invalid input: expected string, received undefined")
	}
	return social.TokenInput{Caller: f.kit.Caller(c), Authed: a, AccountID: wire.Deref(b.AccountID),
		ProviderID: wire.Deref(b.ProviderID)}, nil
}

// withTokenInput decodes the caller's token request and runs use with it.
func withTokenInput[T any](f *Feature, c echo.Context, use func(context.Context, social.TokenInput) (T, error)) (T, error) {
	var zero T
	a, b, err := wire.SessionAndBody[tokenBody](f.kit, c)
	if err != nil {
		return zero, err
	}
	in, err := b.input(f, c, a)
	if err != nil {
		return zero, err
	}
	return use(c.Request().Context(), in)
}

// getAccessToken answers {accessToken, accessTokenExpiresAt, scopes,
// idToken} of one of the caller's accounts, refreshed when about to
// expire.
func (f *Feature) getAccessToken(c echo.Context) error {
	t, err := withTokenInput(f, c, f.svc.GetAccessToken)
	if err != nil {
		return err
	}
	return wire.OK(c, struct {
		AccessToken          string   `json:"accessToken"`
		AccessTokenExpiresAt *string  `json:"accessTokenExpiresAt,omitempty"`
		Scopes               []string `json:"scopes"`
		IDToken              string   `json:"idToken,omitempty"`
	}{t.AccessToken, isoOrNil(t.AccessTokenExpiresAt), t.Scopes, t.IDToken})
}

// refreshToken refreshes one of the caller's accounts' tokens now and
// answers them as Better Auth: {accessToken, refreshToken,
// accessTokenExpiresAt, refreshTokenExpiresAt, scope, idToken, providerId,
// accountId} (scope comma-separated, as Better Auth keeps it).
func (f *Feature) refreshToken(c echo.Context) error {
	t, err := withTokenInput(f, c, f.svc.RefreshToken)
	if err != nil {
		return err
	}
	return wire.OK(c, struct {
		AccessToken           string  `json:"accessToken"`
		RefreshToken          string  `json:"refreshToken,omitempty"`
		AccessTokenExpiresAt  *string `json:"accessTokenExpiresAt,omitempty"`
		RefreshTokenExpiresAt *string `json:"refreshTokenExpiresAt,omitempty"`
		Scope                 string  `json:"scope,omitempty"`
		IDToken               string  `json:"idToken,omitempty"`
		ProviderID            string  `json:"providerId"`
		AccountID             string  `json:"accountId"`
	}{t.AccessToken, t.RefreshToken, isoOrNil(t.AccessTokenExpiresAt), isoOrNil(t.RefreshTokenExpiresAt),
		strings.Join(t.Scopes, ","), t.IDToken, t.ProviderID, t.AccountID})
}

// accountInfo answers what the provider's user info says of one of the
// caller's accounts (?accountId=): {user, data, account}. A refusal of the
// provider is Better Auth's 401 FAILED_TO_GET_USER_INFO.
func (f *Feature) accountInfo(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	q := tokenBody{AccountID: wire.Query(c, "accountId"), ProviderID: wire.Query(c, "providerId"),
		UseAccountCookie: boolQuery(c, "useAccountCookie")}
	in, err := q.input(f, c, a)
	if err != nil {
		return err
	}
	info, err := f.svc.AccountInfo(c.Request().Context(), in)
	if errors.Is(err, social.ErrFailedToGetUserInfo) {
		return wire.WriteJSON(c, http.StatusUnauthorized, errorBody{Message: "Failed to get user info",
			Code: string(social.CodeFailedToGetUserInfo)})
	}
	if err != nil {
		return err
	}
	type user struct {
		ID            string `json:"id"`
		Name          string `json:"name"`
		Email         string `json:"email"`
		Image         string `json:"image,omitempty"`
		EmailVerified bool   `json:"emailVerified"`
	}
	type acct struct {
		ID         string `json:"id"`
		ProviderID string `json:"providerId"`
		AccountID  string `json:"accountId"`
	}
	u := info.User
	return wire.OK(c, struct {
		User    user           `json:"user"`
		Data    map[string]any `json:"data"`
		Account acct           `json:"account"`
	}{user{u.ID, u.Name, u.Email, u.Image, u.EmailVerified}, info.Data,
		acct{info.Account.ID, info.Account.ProviderID, info.Account.AccountID}})
}

// isoOrNil is t in the wire's time format, or nil (omitted) when zero.
func isoOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := wire.ISOTime(t)
	return &s
}

// boolQuery reads a true/false query parameter (nil when absent).
func boolQuery(c echo.Context, name string) *bool {
	v := c.QueryParam(name)
	if v == "" {
		return nil
	}
	b := v == "true"
	return &b
}
