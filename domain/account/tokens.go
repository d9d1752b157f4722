package account

import (
	"slices"
	"time"

	"github.com/authledger/authledger/domain"
)

// Type names of the provider token events. Names are schema: never rename
// a stored type.
const (
	TypeProviderTokensStored    = "account.provider_tokens_stored"
	TypeProviderTokensRefreshed = "account.provider_tokens_refreshed"
)

// ProviderTokens are what an external account's provider granted: the
// tokens are sealed with the person's key (pii), so erasing the person
// destroys them; the expiries and the granted scopes are not secret.
type ProviderTokens struct {
	AccessToken           string    `json:"accessToken,omitempty" pii:"true"`
	RefreshToken          string    `json:"refreshToken,omitempty" pii:"true"`
	IDToken               string    `json:"idToken,omitempty" pii:"true"`
	AccessTokenExpiresAt  time.Time `json:"accessTokenExpiresAt,omitzero"`
	RefreshTokenExpiresAt time.Time `json:"refreshTokenExpiresAt,omitzero"`
	Scopes                []string  `json:"scopes,omitempty"`
}

// Empty reports whether t holds no token at all.
func (t ProviderTokens) Empty() bool {
	return t.AccessToken == "" && t.RefreshToken == "" && t.IDToken == ""
}

// ProviderTokensStored records the tokens a sign-in or a link through the
// provider obtained: each replaces the account's previous one, and what
// the provider did not grant this time (a refresh token, scopes) stays.
type ProviderTokensStored struct {
	AccountID  string `json:"accountId"`
	PersonID   string `json:"personId"`
	ProviderID string `json:"providerId"`
	ProviderTokens
	At time.Time `json:"at"`
}

// ProviderTokensRefreshed records tokens the provider issued for the
// account's refresh token. A token the provider did not reissue (the
// refresh token, the ID token) stays as it was; the granted scopes are
// not changed by a refresh.
type ProviderTokensRefreshed struct {
	AccountID  string `json:"accountId"`
	PersonID   string `json:"personId"`
	ProviderID string `json:"providerId"`
	ProviderTokens
	At time.Time `json:"at"`
}

// EventType implements domain.Event.
func (ProviderTokensStored) EventType() string { return TypeProviderTokensStored }

// EventType implements domain.Event.
func (ProviderTokensRefreshed) EventType() string { return TypeProviderTokensRefreshed }

// StoreTokens records a sign-in's or a link's provider tokens.
type StoreTokens struct {
	Tokens ProviderTokens
	At     time.Time
}

// RecordRefresh records the tokens a refresh obtained.
type RecordRefresh struct {
	Tokens ProviderTokens
	At     time.Time
}

func (StoreTokens) isAccountCommand()   {}
func (RecordRefresh) isAccountCommand() {}

// decideTokens records tokens of an existing external account; the
// credential account has none.
func decideTokens(s State, c Command) ([]domain.Event, error) {
	if !s.Exists || s.ProviderID == ProviderCredential {
		return nil, ErrAccountNotFound
	}
	switch c := c.(type) {
	case StoreTokens:
		return []domain.Event{ProviderTokensStored{AccountID: s.ID, PersonID: s.PersonID, ProviderID: s.ProviderID,
			ProviderTokens: c.Tokens.clone(), At: c.At}}, nil
	case RecordRefresh:
		t := c.Tokens.clone()
		t.Scopes = nil
		return []domain.Event{ProviderTokensRefreshed{AccountID: s.ID, PersonID: s.PersonID, ProviderID: s.ProviderID,
			ProviderTokens: t, At: c.At}}, nil
	}
	return nil, domain.Errorf(domain.CodeInternal, "account: unknown token command")
}

// merged is t updated with the tokens n holds: each token n has (with
// its expiry) replaces t's, one n lacks stays as it was, as Better Auth
// updates an account; the scopes are replaced when withScopes and n names
// some.
func (t ProviderTokens) merged(n ProviderTokens, withScopes bool) ProviderTokens {
	out := t.clone()
	if n.AccessToken != "" {
		out.AccessToken, out.AccessTokenExpiresAt = n.AccessToken, n.AccessTokenExpiresAt
	}
	if n.RefreshToken != "" {
		out.RefreshToken, out.RefreshTokenExpiresAt = n.RefreshToken, n.RefreshTokenExpiresAt
	}
	if !n.RefreshTokenExpiresAt.IsZero() {
		out.RefreshTokenExpiresAt = n.RefreshTokenExpiresAt
	}
	if n.IDToken != "" {
		out.IDToken = n.IDToken
	}
	if withScopes && len(n.Scopes) > 0 {
		out.Scopes = slices.Clone(n.Scopes)
	}
	return out
}

// clone copies t (its scopes are not shared).
func (t ProviderTokens) clone() ProviderTokens {
	t.Scopes = slices.Clone(t.Scopes)
	return t
}
