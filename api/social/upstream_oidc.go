package social

import (
	"context"
	"crypto/subtle"
	"errors"
	"slices"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// oidcUpstream is a generic OpenID Connect provider found by discovery:
// the ID token is verified with the provider's published keys (issuer,
// audience, expiry, asymmetric signature, nonce).
type oidcUpstream struct {
	op   *oidc.Provider
	conf oauth2.Config
	// verifyConfig is how ID tokens are checked (the audience is the
	// client id).
	verifyConfig oidc.Config
}

// newOIDCUpstream discovers p's issuer and returns its upstream.
func newOIDCUpstream(ctx context.Context, p Provider, redirectURL string) (*oidcUpstream, error) {
	op, err := oidc.NewProvider(ctx, p.Issuer)
	if err != nil {
		return nil, err
	}
	var meta struct {
		AuthMethods []string `json:"token_endpoint_auth_methods_supported"`
	}
	if err := op.Claims(&meta); err != nil {
		return nil, err
	}
	endpoint := op.Endpoint()
	endpoint.AuthStyle = authStyle(meta.AuthMethods)
	return &oidcUpstream{op: op, verifyConfig: oidc.Config{ClientID: p.ClientID},
		conf: oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Endpoint: endpoint,
			RedirectURL: redirectURL, Scopes: scopesWith([]string{oidc.ScopeOpenID}, p.Scopes)}}, nil
}

// authStyle is how the client authenticates at the token endpoint, from
// the discovery document's token_endpoint_auth_methods_supported:
// client_secret_basic when offered or when the list is absent (its
// default in OpenID Connect Discovery), else client_secret_post. Fixed,
// never auto-detected: detection retries a refused exchange the other
// way, sending the same code twice.
func authStyle(methods []string) oauth2.AuthStyle {
	if len(methods) == 0 || slices.Contains(methods, "client_secret_basic") {
		return oauth2.AuthStyleInHeader
	}
	if slices.Contains(methods, "client_secret_post") {
		return oauth2.AuthStyleInParams
	}
	return oauth2.AuthStyleInHeader
}

func (u *oidcUpstream) authURL(r authRequest) string {
	conf := u.conf
	conf.Scopes = scopesWith(conf.Scopes, r.Scopes)
	return conf.AuthCodeURL(r.State, authOptions(r, true)...)
}

func (u *oidcUpstream) exchange(ctx context.Context, code, verifier string) (*oauth2.Token, error) {
	return u.conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
}

func (u *oidcUpstream) identify(ctx context.Context, tok *oauth2.Token, nonce string) (identity, error) {
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return identity{}, errors.New("social: no id_token in the token response")
	}
	return u.verifyIDToken(ctx, raw, nonce)
}

func (u *oidcUpstream) verifyIDToken(ctx context.Context, raw, nonce string) (identity, error) {
	return verifyWith(ctx, u.op.Verifier(&u.verifyConfig), raw, nonce)
}

// verifyWith verifies raw with v and, when nonce is not empty, its nonce;
// the identity is the token's subject and standard claims.
func verifyWith(ctx context.Context, v *oidc.IDTokenVerifier, raw, nonce string) (identity, error) {
	idt, err := v.Verify(ctx, raw)
	if err != nil {
		return identity{}, err
	}
	if nonce != "" && subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return identity{}, errors.New("social: the ID token's nonce is not the flow's")
	}
	var id identity
	if err := idt.Claims(&id); err != nil {
		return identity{}, err
	}
	id.Subject = idt.Subject
	return id, nil
}

func (u *oidcUpstream) refresh(ctx context.Context, refreshToken string) (*oauth2.Token, error) {
	return u.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: refreshToken}).Token()
}

func (u *oidcUpstream) userInfo(ctx context.Context, tok *oauth2.Token) (map[string]any, error) {
	info, err := u.op.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return nil, err
	}
	var claims map[string]any
	if err := info.Claims(&claims); err != nil {
		return nil, err
	}
	return claims, nil
}
