package social

import (
	"context"
	"errors"

	"golang.org/x/oauth2"
)

// oidcPreset is an OpenID Connect preset with documented endpoints (no
// discovery): Google, Microsoft, Apple and GitLab.
type oidcPreset struct {
	oauthBase
	tokens *idTokens
	// userInfoURL is the provider's user endpoint; "" means the claims of
	// the token response's ID token answer userInfo.
	userInfoURL string
}

func (u *oidcPreset) identify(ctx context.Context, tok *oauth2.Token, nonce string) (identity, error) {
	return u.tokens.fromToken(ctx, tok, nonce)
}

func (u *oidcPreset) verifyIDToken(ctx context.Context, raw, nonce string) (identity, error) {
	return u.tokens.verify(ctx, raw, nonce)
}

func (u *oidcPreset) userInfo(ctx context.Context, tok *oauth2.Token) (map[string]any, error) {
	if u.userInfoURL != "" {
		var out map[string]any
		err := u.getJSON(ctx, u.userInfoURL, tok, &out)
		return out, err
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, errors.New("social: the provider has no user info endpoint and the tokens no ID token")
	}
	return u.tokens.claims(ctx, raw)
}

// Google's documented endpoints (developers.google.com/identity/openid-connect).
const (
	googleAuthURL     = "https://accounts.google.com/o/oauth2/v2/auth"
	googleTokenURL    = "https://oauth2.googleapis.com/token"
	googleKeysURL     = "https://www.googleapis.com/oauth2/v3/certs"
	googleUserInfoURL = "https://openidconnect.googleapis.com/v1/userinfo"
	googleIssuer      = "https://accounts.google.com"
)

// newGoogle is Google: OpenID Connect, whose ID tokens name the issuer with
// or without its scheme. A provider wanting refresh tokens (Offline) asks
// for access_type=offline and prompt=consent: Google issues a refresh
// token only then.
func newGoogle(p Provider, env presetEnv) *oidcPreset {
	b := oauthBase{via: env.via, pkce: true, nonce: true,
		conf: oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: env.redirectURL,
			Endpoint: oauth2.Endpoint{AuthURL: googleAuthURL, TokenURL: googleTokenURL, AuthStyle: oauth2.AuthStyleInParams},
			Scopes:   scopesWith([]string{"openid", "email", "profile"}, p.Scopes)}}
	if p.Offline {
		b.params = map[string]string{"access_type": "offline", "prompt": "consent"}
	}
	return &oidcPreset{oauthBase: b, userInfoURL: googleUserInfoURL,
		tokens: newIDTokens(env, p.ClientID, googleKeysURL, exactIssuer(googleIssuer, "accounts.google.com"), nil)}
}

// newGitLab is GitLab (gitlab.com, or the self-hosted instance at
// p.Issuer): OpenID Connect at the instance's documented paths.
func newGitLab(p Provider, env presetEnv) *oidcPreset {
	base := gitLabBase(p)
	return &oidcPreset{userInfoURL: base + "/oauth/userinfo",
		oauthBase: oauthBase{via: env.via, pkce: true, nonce: true,
			conf: oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: env.redirectURL,
				Endpoint: oauth2.Endpoint{AuthURL: base + "/oauth/authorize", TokenURL: base + "/oauth/token",
					AuthStyle: oauth2.AuthStyleInParams},
				Scopes: scopesWith([]string{"openid", "email", "profile"}, p.Scopes)}},
		tokens: newIDTokens(env, p.ClientID, base+"/oauth/discovery/keys", exactIssuer(base), nil)}
}

// gitLabCom is the issuer of gitlab.com.
const gitLabCom = "https://gitlab.com"

// gitLabBase is the GitLab instance's URL without a trailing slash.
func gitLabBase(p Provider) string {
	if p.Issuer == "" {
		return gitLabCom
	}
	return trimSlash(p.Issuer)
}

// trimSlash drops trailing slashes.
func trimSlash(s string) string {
	for len(s) > 0 && s[len(s)-1] == '/' {
		s = s[:len(s)-1]
	}
	return s
}
