package social

import (
	"context"
	"fmt"

	"golang.org/x/oauth2"
)

// AccountInfo is account-info's answer: who the provider says the account
// is (User, from its user info) and everything it said (Data), with the
// account it is about.
type AccountInfo struct {
	User    ProviderUser
	Data    map[string]any
	Account InfoAccount
}

// ProviderUser is the provider's user as Better Auth shapes it.
type ProviderUser struct {
	ID            string
	Name          string
	Email         string
	Image         string
	EmailVerified bool
}

// InfoAccount names the account: its id, provider and the provider's
// subject.
type InfoAccount struct {
	ID         string
	ProviderID string
	AccountID  string
}

// AccountInfo asks the provider's user info endpoint about one of the
// caller's external accounts with its access token (refreshed first when
// about to expire, as get-access-token). No access token is
// ACCESS_TOKEN_NOT_FOUND; a refusal of the provider
// FAILED_TO_GET_USER_INFO.
func (s *Service) AccountInfo(ctx context.Context, in TokenInput) (AccountInfo, error) {
	a, p, err := s.ownAccount(ctx, in)
	if err != nil {
		return AccountInfo{}, err
	}
	st, err := s.refreshed(ctx, in.Caller, a, p, false)
	if err != nil {
		return AccountInfo{}, ErrFailedToGetAccessToken
	}
	if st.Tokens.AccessToken == "" {
		return AccountInfo{}, ErrAccessTokenNotFound
	}
	up, err := s.upstream(ctx, p)
	if err != nil {
		return AccountInfo{}, err
	}
	uctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	data, err := up.userInfo(uctx, &oauth2.Token{AccessToken: st.Tokens.AccessToken, TokenType: "Bearer",
		Expiry: st.Tokens.AccessTokenExpiresAt})
	if err != nil {
		s.warn(p, "user_info_failed", err)
		return AccountInfo{}, ErrFailedToGetUserInfo
	}
	if data == nil {
		data = map[string]any{}
	}
	return AccountInfo{User: userOf(data, st.Subject), Data: data,
		Account: InfoAccount{ID: st.ID, ProviderID: st.ProviderID, AccountID: st.Subject}}, nil
}

// userOf reads the provider's user from its user info: the OpenID Connect
// claims (sub, name, email, picture, email_verified), with the common
// OAuth 2 spellings (id, avatar_url) as fallbacks; the id is the
// account's subject when the answer has none.
func userOf(data map[string]any, subject string) ProviderUser {
	u := ProviderUser{ID: firstString(data, "sub", "id"), Name: firstString(data, "name", "login"),
		Email: firstString(data, "email"), Image: firstString(data, "picture", "avatar_url")}
	if u.ID == "" {
		u.ID = subject
	}
	switch v := data["email_verified"].(type) {
	case bool:
		u.EmailVerified = v
	case string:
		u.EmailVerified = v == "true"
	}
	return u
}

// firstString is the first of keys data has as a string or a number.
func firstString(data map[string]any, keys ...string) string {
	for _, k := range keys {
		switch v := data[k].(type) {
		case string:
			if v != "" {
				return v
			}
		case float64:
			return fmt.Sprintf("%.0f", v)
		}
	}
	return ""
}
