package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// codeFlow is one browser's trip through the provider: the callback
// server records where Hydra finally sends it.
type codeFlow struct {
	conf     oauth2.Config
	callback chan url.Values
	browser  *http.Client
}

func newCodeFlow(t *testing.T, h *hydra, provider *oidc.Provider) *codeFlow {
	t.Helper()
	f := &codeFlow{callback: make(chan url.Values, 1)}
	cb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.callback <- r.URL.Query()
	}))
	t.Cleanup(cb.Close)
	c := h.client(cb.URL + "/callback")
	f.conf = oauth2.Config{ClientID: c.ID, ClientSecret: c.Secret, Endpoint: provider.Endpoint(),
		RedirectURL: cb.URL + "/callback", Scopes: []string{oidc.ScopeOpenID, "email", "offline_access"}}
	jar, _ := cookiejar.New(nil)
	f.browser = &http.Client{Jar: jar, Timeout: 20 * time.Second}
	return f
}

// authorize runs the browser from the authorization URL to the callback
// and returns the callback's query.
func (f *codeFlow) authorize(t *testing.T, state, nonce, verifier string) url.Values {
	t.Helper()
	u := f.conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce))
	res, err := f.browser.Get(u)
	if err != nil {
		t.Fatalf("authorize: %v", err)
	}
	res.Body.Close()
	select {
	case q := <-f.callback:
		return q
	case <-time.After(10 * time.Second):
		t.Fatalf("the browser never reached the callback (last status %d)", res.StatusCode)
		return nil
	}
}

func random(t *testing.T) string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b[:])
}

// TestHydraCodeFlow proves the OpenID provider the identity tests use: a
// real Hydra behind discovery, the authorization-code flow with PKCE,
// state and nonce through the login-and-consent app, an ID token whose
// signature, issuer, audience, expiry and nonce go-oidc verifies, a refresh
// token; and the refusals the social sign-in must meet: a wrong PKCE
// verifier, an ID token for another client, a replayed code (refused, and
// the tokens it gave revoked), and a denied consent coming back as
// access_denied.
func TestHydraCodeFlow(t *testing.T) {
	h := startHydra(t)
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, h.Public)
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	f := newCodeFlow(t, h, provider)
	h.as("hydra-user-42", map[string]any{"email": "ada@example.com", "email_verified": true})
	state, nonce, verifier := random(t), random(t), oauth2.GenerateVerifier()
	q := f.authorize(t, state, nonce, verifier)
	if q.Get("state") != state || q.Get("code") == "" {
		t.Fatalf("callback = %v, want a code and state %s", q, state)
	}
	if _, err := f.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil {
		t.Error("a wrong PKCE verifier exchanged the code")
	}
	q = f.authorize(t, state, nonce, verifier)
	tok, err := f.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	id, err := provider.Verifier(&oidc.Config{ClientID: f.conf.ClientID}).Verify(ctx, raw)
	if err != nil {
		t.Fatalf("ID token: %v", err)
	}
	var claims struct {
		Email    string `json:"email"`
		Verified bool   `json:"email_verified"`
	}
	if err := id.Claims(&claims); err != nil || id.Subject != "hydra-user-42" || id.Nonce != nonce ||
		claims.Email != "ada@example.com" || !claims.Verified {
		t.Errorf("ID token: subject %q nonce %q claims %+v (%v)", id.Subject, id.Nonce, claims, err)
	}
	other := h.client("http://127.0.0.1:9/other")
	if _, err := provider.Verifier(&oidc.Config{ClientID: other.ID}).Verify(ctx, raw); err == nil {
		t.Error("another client accepted this client's ID token")
	}
	stale := *tok
	stale.Expiry = time.Now().Add(-time.Minute)
	fresh, err := f.conf.TokenSource(ctx, &stale).Token()
	if err != nil || tok.RefreshToken == "" || fresh.AccessToken == tok.AccessToken {
		t.Errorf("refresh: %v", err)
	}

	// Replaying a code is refused, and revokes what the code gave.
	q = f.authorize(t, state, nonce, verifier)
	tok, err = f.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	if _, err := f.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier)); err == nil {
		t.Error("a replayed code exchanged again")
	}
	tok.Expiry = time.Now().Add(-time.Minute)
	if _, err := f.conf.TokenSource(ctx, tok).Token(); err == nil {
		t.Error("the tokens of a replayed code still refresh")
	}

	h.denyConsent(true)
	q = f.authorize(t, random(t), random(t), oauth2.GenerateVerifier())
	if q.Get("error") != "access_denied" || q.Get("code") != "" {
		t.Errorf("denied consent: callback %v, want error=access_denied", q)
	}
}
