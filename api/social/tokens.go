package social

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/eventstore"
	"golang.org/x/oauth2"
)

// tokensOf is what the log keeps of a provider's token response at now:
// the tokens (sealed with the person's key when appended), the access
// token's expiry (expires_in from now, else the response's own expiry),
// the refresh token's when the provider says it (refresh_token_expires_in),
// and the granted scopes (the response's scope, space- or comma-separated;
// none when the provider does not say).
func tokensOf(tok *oauth2.Token, now time.Time) account.ProviderTokens {
	if tok == nil {
		return account.ProviderTokens{}
	}
	t := account.ProviderTokens{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken}
	switch {
	case tok.ExpiresIn > 0:
		t.AccessTokenExpiresAt = now.Add(time.Duration(tok.ExpiresIn) * time.Second).UTC()
	case !tok.Expiry.IsZero():
		t.AccessTokenExpiresAt = tok.Expiry.UTC()
	}
	if raw, ok := tok.Extra("id_token").(string); ok {
		t.IDToken = raw
	}
	if scope, ok := tok.Extra("scope").(string); ok {
		t.Scopes = splitScopes(scope)
	}
	if secs, ok := tok.Extra("refresh_token_expires_in").(float64); ok && secs > 0 && t.RefreshToken != "" {
		t.RefreshTokenExpiresAt = now.Add(time.Duration(secs) * time.Second).UTC()
	}
	return t
}

// splitScopes splits a scope list (OAuth's space-separated, or a
// comma-separated one as some providers answer) into distinct scopes.
func splitScopes(s string) []string {
	var out []string
	for _, sc := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	return out
}

// withTokens is the outcome's changes with the provider's tokens stored on
// its external account: added to the account's own change when the
// outcome creates the account, else a change of the account's stream.
// Nothing is added when the provider granted no token.
func (s *Service) withTokens(ctx context.Context, o outcome, t account.ProviderTokens) ([]eventstore.Change, error) {
	if t.Empty() || o.accountID == "" {
		return o.changes, nil
	}
	stream := account.Stream(o.accountID)
	cmd := account.StoreTokens{Tokens: t, At: s.app.Now()}
	out := slices.Clone(o.changes)
	for i, c := range out {
		if c.Stream != stream {
			continue
		}
		evs, err := account.Decide(account.NewDecider().Fold(c.Events), cmd)
		if err != nil {
			return nil, err
		}
		c.Events = append(slices.Clone(c.Events), evs...)
		out[i] = c
		return out, nil
	}
	_, c, err := app.Decide(ctx, s.app, account.NewDecider(), stream, func(account.State) account.Command { return cmd })
	if err != nil {
		return nil, err
	}
	return append(out, c), nil
}
