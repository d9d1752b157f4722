package social

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// idTokens verifies a preset's ID tokens with its published keys (no
// discovery: the keys URL is the documented one): audience, expiry and
// asymmetric signature by go-oidc, the issuer by the preset's own rule
// (Microsoft's depends on the token's tenant), the nonce when asked.
type idTokens struct {
	v *oidc.IDTokenVerifier
	// issuer checks the token's iss against its other claims.
	issuer func(iss string, claims map[string]any) error
	// identity maps the claims (the preset's quirks) to an identity.
	identity func(claims map[string]any) identity
}

// newIDTokens verifies tokens for clientID with the keys at keysURL.
func newIDTokens(env presetEnv, clientID, keysURL string, issuer func(string, map[string]any) error,
	ident func(map[string]any) identity) *idTokens {
	keys := oidc.NewRemoteKeySet(callVia(env.via, context.Background()), keysURL)
	// The issuer is checked below, by the preset's rule: never skipped.
	v := oidc.NewVerifier("", keys, &oidc.Config{ClientID: clientID, SkipIssuerCheck: true, Now: env.now})
	if ident == nil {
		ident = standardIdentity
	}
	return &idTokens{v: v, issuer: issuer, identity: ident}
}

// exactIssuer accepts only the given issuers.
func exactIssuer(want ...string) func(string, map[string]any) error {
	return func(iss string, _ map[string]any) error {
		for _, w := range want {
			if iss == w {
				return nil
			}
		}
		return fmt.Errorf("social: ID token issuer %q is not the provider's", iss)
	}
}

// verify checks raw and, when nonce is not empty, its nonce.
func (t *idTokens) verify(ctx context.Context, raw, nonce string) (identity, error) {
	claims, err := t.claims(ctx, raw)
	if err != nil {
		return identity{}, err
	}
	got, _ := claims["nonce"].(string)
	if nonce != "" && subtle.ConstantTimeCompare([]byte(got), []byte(nonce)) != 1 {
		return identity{}, errors.New("social: the ID token's nonce is not the flow's")
	}
	id := t.identity(claims)
	if id.Subject == "" {
		return identity{}, errors.New("social: the ID token names no subject")
	}
	return id, nil
}

// claims verifies raw (nonce aside) and returns its claims.
func (t *idTokens) claims(ctx context.Context, raw string) (map[string]any, error) {
	idt, err := t.v.Verify(ctx, raw)
	if err != nil {
		return nil, err
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return nil, err
	}
	if err := t.issuer(idt.Issuer, claims); err != nil {
		return nil, err
	}
	return claims, nil
}

// fromToken verifies the ID token of a token response with the nonce.
func (t *idTokens) fromToken(ctx context.Context, tok *oauth2.Token, nonce string) (identity, error) {
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return identity{}, errors.New("social: no id_token in the token response")
	}
	return t.verify(ctx, raw, nonce)
}

// standardIdentity maps the standard claims: sub, email, email_verified
// (a boolean, or the string "true" as Apple sends it), name, picture.
func standardIdentity(c map[string]any) identity {
	return identity{Subject: str(c["sub"]), Email: str(c["email"]), Verified: truthy(c["email_verified"]),
		Name: str(c["name"]), Picture: str(c["picture"])}
}

// str is v when it is a string.
func str(v any) string {
	s, _ := v.(string)
	return s
}

// truthy is true for the boolean true and the string "true".
func truthy(v any) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}
