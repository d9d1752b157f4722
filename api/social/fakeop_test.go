package social_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// fakeOP is a minimal OpenID provider for the use case tests: discovery,
// keys, a token endpoint that checks the PKCE verifier and answers with
// an ID token signed as the test asks, an access token, a refresh token
// (rotated on every refresh) and the granted scope, and a user info
// endpoint answering the ID token's claims for a live access token.
type fakeOP struct {
	t      *testing.T
	srv    *httptest.Server
	key    *rsa.PrivateKey
	mu     sync.Mutex
	codes  map[string]grant
	serial int
	// access and refresh are the live tokens and the claims they are for.
	access, refresh map[string]map[string]any
	// expiresIn is the access tokens' lifetime in seconds (3600).
	expiresIn int
	// refreshes counts refresh grants served; refuseRefresh refuses them.
	refreshes     int
	refuseRefresh bool
}

// grant is one issued code: its PKCE challenge and the ID token's claims.
type grant struct {
	challenge string
	claims    map[string]any
	alg       jose.SignatureAlgorithm
}

func newFakeOP(t *testing.T) *fakeOP {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	op := &fakeOP{t: t, key: key, codes: map[string]grant{}, access: map[string]map[string]any{},
		refresh: map[string]map[string]any{}, expiresIn: 3600}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", op.discovery)
	mux.HandleFunc("/jwks", op.jwks)
	mux.HandleFunc("/token", op.token)
	mux.HandleFunc("/userinfo", op.userinfo)
	op.srv = httptest.NewServer(mux)
	t.Cleanup(op.srv.Close)
	return op
}

func (op *fakeOP) discovery(w http.ResponseWriter, _ *http.Request) {
	u := op.srv.URL
	_ = json.NewEncoder(w).Encode(map[string]any{"issuer": u, "authorization_endpoint": u + "/auth",
		"token_endpoint": u + "/token", "jwks_uri": u + "/jwks", "userinfo_endpoint": u + "/userinfo", "response_types_supported": []string{"code"},
		"subject_types_supported": []string{"public"}, "id_token_signing_alg_values_supported": []string{"RS256"}})
}

func (op *fakeOP) jwks(w http.ResponseWriter, _ *http.Request) {
	_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &op.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
}

// authorize is the provider's consent: it reads the authorization URL and
// issues a code whose ID token carries claims (with the request's nonce
// and client as audience unless claims say otherwise).
func (op *fakeOP) authorize(authURL string, claims map[string]any, alg jose.SignatureAlgorithm) (state, code string) {
	u, err := url.Parse(authURL)
	if err != nil {
		op.t.Fatal(err)
	}
	q := u.Query()
	if q.Get("code_challenge_method") != "S256" || q.Get("nonce") == "" || q.Get("state") == "" {
		op.t.Fatalf("authorization URL lacks PKCE S256, nonce or state: %s", authURL)
	}
	full := map[string]any{"iss": op.srv.URL, "aud": q.Get("client_id"), "nonce": q.Get("nonce"),
		"iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}
	for k, v := range claims {
		full[k] = v
	}
	op.mu.Lock()
	defer op.mu.Unlock()
	op.serial++
	code = fmt.Sprintf("code-%d", op.serial)
	op.codes[code] = grant{challenge: q.Get("code_challenge"), claims: full, alg: alg}
	return q.Get("state"), code
}

func (op *fakeOP) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	if r.PostForm.Get("grant_type") == "refresh_token" {
		op.refreshGrant(w, r.PostForm.Get("refresh_token"))
		return
	}
	op.mu.Lock()
	g, ok := op.codes[r.PostForm.Get("code")]
	delete(op.codes, r.PostForm.Get("code"))
	op.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if !ok || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
		return
	}
	op.issue(w, g.claims, op.sign(g))
}

// issue answers a token response for claims: new access and refresh
// tokens, the granted scope and idToken when not empty.
func (op *fakeOP) issue(w http.ResponseWriter, claims map[string]any, idToken string) {
	op.mu.Lock()
	op.serial++
	at, rt := fmt.Sprintf("at-%d", op.serial), fmt.Sprintf("rt-%d", op.serial)
	op.access[at], op.refresh[rt] = claims, claims
	exp := op.expiresIn
	op.mu.Unlock()
	out := map[string]any{"access_token": at, "token_type": "Bearer", "expires_in": exp, "refresh_token": rt,
		"scope": "openid email offline_access"}
	if idToken != "" {
		out["id_token"] = idToken
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}

// refreshGrant trades a live refresh token for new tokens (the old one is
// spent: a reuse is refused).
func (op *fakeOP) refreshGrant(w http.ResponseWriter, rt string) {
	op.mu.Lock()
	claims, ok := op.refresh[rt]
	delete(op.refresh, rt)
	op.refreshes++
	refuse := op.refuseRefresh
	op.mu.Unlock()
	if !ok || refuse {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
		return
	}
	op.issue(w, claims, "")
}

// userinfo answers the claims of a live access token.
func (op *fakeOP) userinfo(w http.ResponseWriter, r *http.Request) {
	at, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	op.mu.Lock()
	claims, ok := op.access[at]
	op.mu.Unlock()
	if !ok {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(claims)
}

// idToken signs an ID token for the client with claims (iss, aud, iat and
// exp filled unless claims say otherwise), as a native app would get it.
func (op *fakeOP) idToken(client string, claims map[string]any, alg jose.SignatureAlgorithm) string {
	full := map[string]any{"iss": op.srv.URL, "aud": client, "iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}
	for k, v := range claims {
		full[k] = v
	}
	return op.sign(grant{claims: full, alg: alg})
}

// sign signs the ID token with the provider's RSA key, or with an HMAC
// key when the grant asks for HS256, or unsigned for "none" (both of
// which verification must refuse).
func (op *fakeOP) sign(g grant) string {
	b, _ := json.Marshal(g.claims)
	if g.alg == "none" {
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + enc(b) + "."
	}
	var key any = op.key
	if g.alg == jose.HS256 {
		key = []byte("0123456789abcdef0123456789abcdef")
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: g.alg, Key: key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
	if err != nil {
		op.t.Fatal(err)
	}
	obj, err := s.Sign(b)
	if err != nil {
		op.t.Fatal(err)
	}
	out, _ := obj.CompactSerialize()
	return out
}
