package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/registry"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// signInForTokens signs a new person in through Hydra asking for
// offline_access (sign-in/social's scopes, so Hydra issues a refresh
// token) with a login hint, and returns the external account's id.
func (b *socialBrowser) signInForTokens(t *testing.T) string {
	t.Helper()
	status, out, _ := b.post(t, "sign-in/social", map[string]any{"provider": "hydra", "callbackURL": "/home",
		"scopes": []string{"offline_access"}, "loginHint": "tok@example.com", "requestSignUp": true})
	u, _ := out["url"].(string)
	if status != http.StatusOK || !strings.Contains(u, "offline_access") || !strings.Contains(u, "login_hint=tok%40example.com") {
		t.Fatalf("sign-in/social: %d %v", status, out)
	}
	if loc, _ := b.follow(t, u); loc != "/home" && loc != "/welcome" {
		t.Fatalf("sign-in went to %q", loc)
	}
	_, accs := b.accounts(t)
	if len(accs) != 1 {
		t.Fatalf("accounts = %+v", accs)
	}
	return accs[0].ID
}

// call is a Better Auth call of the signed-in browser: POST with body, or
// GET when body is nil.
func (b *socialBrowser) call(t *testing.T, path string, body any) (int, map[string]any) {
	t.Helper()
	if body != nil {
		status, out, _ := b.post(t, path, body)
		return status, out
	}
	res, err := b.Get(b.rig.base + "/api/auth/" + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// introspect asks Hydra whether an access token is active and for whom.
func (h *hydra) introspect(t *testing.T, token string) (bool, string) {
	t.Helper()
	res, err := http.PostForm(h.Admin+"/admin/oauth2/introspect", url.Values{"token": {token}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Active bool   `json:"active"`
		Sub    string `json:"sub"`
	}
	_ = json.NewDecoder(res.Body).Decode(&out)
	return out.Active, out.Sub
}

// TestProviderTokensThroughHydra: a sign-in through Hydra keeps Hydra's
// tokens and the granted scopes (list-accounts answers them); get-access-
// token answers Hydra's live access token as kept while it is valid;
// refresh-token refreshes through Hydra (a new live access token and a
// rotated refresh token), which get-access-token then answers;
// account-info answers Hydra's user info. The tokens are nowhere in the
// server's files in clear; after forget they cannot be read at all.
func TestProviderTokensThroughHydra(t *testing.T) {
	r := startSocialRig(t)
	r.h.as("hydra-tok", map[string]any{"email": "tok@example.com", "email_verified": true, "name": "Tok"})
	b := r.browser(t)
	id := b.signInForTokens(t)
	res, err := b.Get(r.base + "/api/auth/list-accounts")
	if err != nil {
		t.Fatal(err)
	}
	var listed []struct{ Scopes []string }
	_ = json.NewDecoder(res.Body).Decode(&listed)
	res.Body.Close()
	if len(listed) != 1 || !slices.Contains(listed[0].Scopes, "offline_access") || !slices.Contains(listed[0].Scopes, "openid") {
		t.Errorf("list-accounts scopes = %+v", listed)
	}
	status, first := b.call(t, "get-access-token", map[string]any{"accountId": id})
	at, _ := first["accessToken"].(string)
	if active, sub := r.h.introspect(t, at); status != http.StatusOK || !active || sub != "hydra-tok" ||
		first["idToken"] == nil || first["accessTokenExpiresAt"] == nil {
		t.Fatalf("get-access-token: %d %v (active %v, sub %q)", status, first, active, sub)
	}
	if _, again := b.call(t, "get-access-token", map[string]any{"accountId": id}); again["accessToken"] != at {
		t.Errorf("a valid token was not answered as kept: %v", again)
	}
	status, refreshed := b.call(t, "refresh-token", map[string]any{"accountId": id})
	newAT, _ := refreshed["accessToken"].(string)
	rt, _ := refreshed["refreshToken"].(string)
	if active, _ := r.h.introspect(t, newAT); status != http.StatusOK || newAT == at || !active || rt == "" ||
		refreshed["providerId"] != "hydra" || refreshed["accountId"] != id || !strings.Contains(refreshed["scope"].(string), "offline_access") {
		t.Fatalf("refresh-token: %d %v", status, refreshed)
	}
	if _, now := b.call(t, "get-access-token", map[string]any{"providerId": "hydra"}); now["accessToken"] != newAT {
		t.Errorf("get-access-token after the refresh = %v, want %s", now["accessToken"], newAT)
	}
	status, info := b.call(t, "account-info?accountId="+id, nil)
	user, _ := info["user"].(map[string]any)
	data, _ := info["data"].(map[string]any)
	if status != http.StatusOK || user["id"] != "hydra-tok" || user["email"] != "tok@example.com" || data["sub"] != "hydra-tok" {
		t.Errorf("account-info: %d %v", status, info)
	}

	secrets := []string{at, newAT, rt}
	scanForSecrets(t, r.srv, secrets)
	_, personID := b.session(t)
	if got := readTokens(t, r.srv.DataDir, id); got.AccessToken != newAT || got.RefreshToken != rt {
		t.Fatalf("the log's tokens before forget = %+v", got)
	}
	req, _ := http.NewRequest(http.MethodPost, r.base+"/v1/people/"+personID+"/forget", nil)
	req.Header.Set("Authorization", "Bearer "+e2eAdminKey)
	fr, err := http.DefaultClient.Do(req)
	if err != nil || fr.StatusCode != http.StatusOK {
		t.Fatalf("forget: %v %v", fr, err)
	}
	fr.Body.Close()
	if got := readTokens(t, r.srv.DataDir, id); !got.Empty() {
		t.Errorf("the tokens are readable after forget: %+v", got)
	}
	if status, _ := b.call(t, "get-access-token", map[string]any{"accountId": id}); status != http.StatusUnauthorized {
		t.Errorf("get-access-token after forget: %d", status)
	}
	scanForSecrets(t, r.srv, secrets)
}

// TestAccessTokenRefreshedThroughHydraOnExpiry: with Hydra's access tokens
// living 4 seconds (less than the 5 seconds before expiry at which a token
// is refreshed), every get-access-token refreshes through Hydra: each
// answer is a new live access token, and the refresh token it used is
// spent (Hydra rotates them), so the next refresh needs the recorded one.
func TestAccessTokenRefreshedThroughHydraOnExpiry(t *testing.T) {
	r := startSocialRigHydra(t, []string{"TTL_ACCESS_TOKEN=4s"})
	r.h.as("hydra-exp", map[string]any{"email": "exp@example.com", "email_verified": true})
	b := r.browser(t)
	id := b.signInForTokens(t)
	seen := map[string]bool{}
	for i := range 3 {
		status, out := b.call(t, "get-access-token", map[string]any{"accountId": id})
		at, _ := out["accessToken"].(string)
		if active, sub := r.h.introspect(t, at); status != http.StatusOK || !active || sub != "hydra-exp" || seen[at] {
			t.Fatalf("get-access-token %d: %d %v (active %v, seen %v)", i, status, out, active, seen[at])
		}
		seen[at] = true
	}
	status, info := b.call(t, "account-info?accountId="+id, nil)
	if user, _ := info["user"].(map[string]any); status != http.StatusOK || user["email"] != "exp@example.com" {
		t.Errorf("account-info: %d %v", status, info)
	}
}

// scanForSecrets fails when a provider token is in any of the server's
// files or its log in clear.
func scanForSecrets(t *testing.T, s *server, secrets []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(s.DataDir, "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, sec := range secrets {
			if sec != "" && bytes.Contains(b, []byte(sec)) {
				t.Errorf("%s holds a provider token in clear", filepath.Base(f))
			}
		}
	}
	for _, sec := range secrets {
		if sec != "" && strings.Contains(s.Stderr(), sec) {
			t.Error("the server log holds a provider token")
		}
	}
}

// readTokens opens the server's event log beside it, with its secret, and
// folds the external account's stream: the tokens as anyone holding the
// secret could read them.
func readTokens(t *testing.T, dir, accountID string) account.ProviderTokens {
	t.Helper()
	ctx := context.Background()
	st, err := essqlite.Open(ctx, filepath.Join(dir, "events.db"), essqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(st.Keys(), eventstore.DeriveKEK([]byte(e2eSecret))))
	a, _, err := eventstore.Load(ctx, st, codec, account.NewDecider(), account.Stream(accountID))
	if err != nil {
		t.Fatal(err)
	}
	return a.Tokens
}

// nativeSignIn is what a native app does with the trusted provider's
// client: the code flow with Hydra itself (PKCE, nonce), the browser
// stopped before authledger's callback, the code exchanged by the app.
// It returns Hydra's token response.
func (r *socialRig) nativeSignIn(t *testing.T, nonce string) *oauth2.Token {
	t.Helper()
	conf := oauth2.Config{ClientID: r.client.ID, ClientSecret: r.client.Secret,
		Endpoint:    oauth2.Endpoint{AuthURL: r.h.Public + "/oauth2/auth", TokenURL: r.h.Public + "/oauth2/token"},
		RedirectURL: r.base + "/api/auth/callback/hydra", Scopes: []string{oidc.ScopeOpenID, "email", "offline_access"}}
	verifier := oauth2.GenerateVerifier()
	jar, _ := cookiejar.New(nil)
	var code string
	browser := &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), r.base) {
			code = req.URL.Query().Get("code")
			return http.ErrUseLastResponse
		}
		return nil
	}}
	res, err := browser.Get(conf.AuthCodeURL(random(t), oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if code == "" {
		t.Fatalf("Hydra issued no code (%d %s)", res.StatusCode, res.Request.URL)
	}
	tok, err := conf.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// TestIDTokenSignInThroughHydra: an ID token Hydra issued to a native app
// (with the trusted provider's client) signs in without a redirect, with
// Better Auth's answer and the session cookie; the tokens the app handed
// over are kept, so get-access-token answers Hydra's access token and
// refresh-token refreshes through Hydra. The same token with another nonce,
// or presented as the untrusted provider's (another audience), is a 401
// INVALID_TOKEN.
func TestIDTokenSignInThroughHydra(t *testing.T) {
	r := startSocialRig(t)
	r.h.as("hydra-native", map[string]any{"email": "native@example.com", "email_verified": true, "name": "Native"})
	nonce := random(t)
	tok := r.nativeSignIn(t, nonce)
	idt, _ := tok.Extra("id_token").(string)
	b := r.browser(t)
	for _, c := range []struct {
		name string
		body map[string]any
	}{
		{"another nonce", map[string]any{"provider": "hydra", "idToken": map[string]any{"token": idt, "nonce": "other"}}},
		{"another audience", map[string]any{"provider": "hydra-untrusted", "idToken": map[string]any{"token": idt}}},
	} {
		if status, out, _ := b.post(t, "sign-in/social", c.body); status != http.StatusUnauthorized || out["code"] != "INVALID_TOKEN" {
			t.Errorf("%s: %d %v", c.name, status, out)
		}
	}
	status, out, _ := b.post(t, "sign-in/social", map[string]any{"provider": "hydra", "callbackURL": "/home",
		"idToken": map[string]any{"token": idt, "nonce": nonce, "accessToken": tok.AccessToken,
			"refreshToken": tok.RefreshToken, "expiresAt": tok.Expiry.UnixMilli()}})
	user, _ := out["user"].(map[string]any)
	if status != http.StatusOK || out["redirect"] != false || out["token"] == "" || user["email"] != "native@example.com" {
		t.Fatalf("id token sign-in: %d %v", status, out)
	}
	if email, _ := b.session(t); email != "native@example.com" {
		t.Fatalf("get-session after the id token sign-in: %q", email)
	}
	_, accs := b.accounts(t)
	if len(accs) != 1 || accs[0].AccountID != "hydra-native" {
		t.Fatalf("accounts = %+v", accs)
	}
	if status, got := b.call(t, "get-access-token", map[string]any{"accountId": accs[0].ID}); status != http.StatusOK ||
		got["accessToken"] != tok.AccessToken || got["idToken"] != idt {
		t.Errorf("get-access-token: %d %v", status, got)
	}
	status, refreshed := b.call(t, "refresh-token", map[string]any{"accountId": accs[0].ID})
	at, _ := refreshed["accessToken"].(string)
	if active, sub := r.h.introspect(t, at); status != http.StatusOK || at == tok.AccessToken || !active || sub != "hydra-native" {
		t.Errorf("refresh-token: %d %v", status, refreshed)
	}
}
