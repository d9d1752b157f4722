package httpapi

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/social"
	"github.com/go-jose/go-jose/v4"
)

// documentedTokenRoutes are Better Auth's provider token routes.
var documentedTokenRoutes = map[string]bool{"POST /get-access-token": true, "POST /refresh-token": true,
	"GET /account-info": true}

// nativeOP is an OpenID provider as a native app meets it: it signs the
// ID tokens the app hands over, refreshes (rotating refresh tokens) and
// answers user info for its live access tokens.
type nativeOP struct {
	t      testing.TB
	srv    *httptest.Server
	key    *rsa.PrivateKey
	mu     sync.Mutex
	serial int
	// access and refresh are the live tokens and whose claims they carry.
	access, refresh map[string]map[string]any
}

func newNativeOP(t testing.TB) *nativeOP {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	op := &nativeOP{t: t, key: key, access: map[string]map[string]any{}, refresh: map[string]map[string]any{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		u := op.srv.URL
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": u, "authorization_endpoint": u + "/auth",
			"token_endpoint": u + "/token", "jwks_uri": u + "/jwks", "userinfo_endpoint": u + "/userinfo",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/jwks", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
			{Key: &op.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("/token", op.token)
	mux.HandleFunc("/userinfo", func(w http.ResponseWriter, r *http.Request) {
		op.mu.Lock()
		claims, ok := op.access[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
		op.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(claims)
	})
	op.srv = httptest.NewServer(mux)
	t.Cleanup(op.srv.Close)
	return op
}

// grant issues an app's sign-in for claims: an RS256 ID token of client
// and live access and refresh tokens.
func (op *nativeOP) grant(client string, claims map[string]any) (idToken, at, rt string) {
	full := map[string]any{"iss": op.srv.URL, "aud": client, "iat": time.Now().Unix(), "exp": time.Now().Add(time.Hour).Unix()}
	for k, v := range claims {
		full[k] = v
	}
	b, _ := json.Marshal(full)
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: op.key}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
	if err != nil {
		op.t.Fatal(err)
	}
	obj, err := s.Sign(b)
	if err != nil {
		op.t.Fatal(err)
	}
	idToken, _ = obj.CompactSerialize()
	at, rt = op.tokens(claims)
	return idToken, at, rt
}

// tokens issues live access and refresh tokens for claims.
func (op *nativeOP) tokens(claims map[string]any) (at, rt string) {
	op.mu.Lock()
	defer op.mu.Unlock()
	op.serial++
	at, rt = fmt.Sprintf("at-%d", op.serial), fmt.Sprintf("rt-%d", op.serial)
	op.access[at], op.refresh[rt] = claims, claims
	return at, rt
}

// token serves the refresh grant (a spent refresh token is refused).
func (op *nativeOP) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	op.mu.Lock()
	claims, ok := op.refresh[r.PostForm.Get("refresh_token")]
	delete(op.refresh, r.PostForm.Get("refresh_token"))
	op.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	if r.PostForm.Get("grant_type") != "refresh_token" || !ok {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
		return
	}
	at, rt := op.tokens(claims)
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": at, "refresh_token": rt, "token_type": "Bearer",
		"expires_in": 3600, "scope": "openid email"})
}

// withProvider configures the provider "op" (trusted) at op.
func withProvider(op *nativeOP) option {
	return func(c *Config) {
		c.Social = social.Config{Providers: []social.Provider{{ID: "op", Issuer: op.srv.URL, ClientID: "client-1",
			ClientSecret: "s1", Trusted: true}}}
	}
}

// TestIDTokenSignInAndProviderTokens: an app's ID token signs in without
// a redirect (Better Auth's {redirect:false, token, user} and the session
// cookie); then get-access-token answers the token the app handed over,
// refreshed through the provider once it expires; refresh-token answers
// the rotated tokens; account-info the provider's user info.
func TestIDTokenSignInAndProviderTokens(t *testing.T) {
	op := newNativeOP(t)
	h := newHarness(t, withProvider(op))
	claims := map[string]any{"sub": "sub-1", "email": "ada@example.com", "email_verified": true, "name": "Ada"}
	idt, at, rt := op.grant("client-1", claims)
	exp := h.clock.Now().Add(time.Hour).UnixMilli()
	r := h.post("/sign-in/social", fmt.Sprintf(`{"provider":"op","callbackURL":"/home","idToken":{"token":%q,"accessToken":%q,`+
		`"refreshToken":%q,"expiresAt":%d}}`, idt, at, rt, exp), nil)
	if r.status != 200 {
		t.Fatalf("id token sign-in: %d %s", r.status, r.body)
	}
	body := r.json(t)
	user, _ := body["user"].(map[string]any)
	if body["redirect"] != false || body["token"] == "" || user["email"] != "ada@example.com" || len(body) != 3 {
		t.Errorf("answer = %s, want {redirect:false, token, user}", r.body)
	}
	c := cookieHeader(r)
	if c == "" {
		t.Fatal("no session cookie")
	}
	var accs []map[string]any
	if err := json.Unmarshal(h.get("/list-accounts", withCookie(c)).body, &accs); err != nil || len(accs) != 1 {
		t.Fatalf("list-accounts: %v %v", accs, err)
	}
	id, _ := accs[0]["id"].(string)
	r = h.post("/get-access-token", `{"accountId":"`+id+`"}`, withCookie(c))
	if got := r.json(t); r.status != 200 || got["accessToken"] != at || got["idToken"] != idt ||
		got["accessTokenExpiresAt"] != time.UnixMilli(exp).UTC().Format("2006-01-02T15:04:05.000Z") {
		t.Errorf("get-access-token: %d %s", r.status, r.body)
	}
	h.clock.Advance(2 * time.Hour)
	r = h.post("/get-access-token", `{"providerId":"op"}`, withCookie(c))
	refreshed := r.json(t)["accessToken"]
	if r.status != 200 || refreshed == at || refreshed == "" {
		t.Errorf("get-access-token after expiry: %d %s, want a refreshed token", r.status, r.body)
	}
	r = h.post("/refresh-token", `{"accountId":"`+id+`"}`, withCookie(c))
	got := r.json(t)
	if r.status != 200 || got["accessToken"] == refreshed || got["refreshToken"] == rt || got["providerId"] != "op" ||
		got["accountId"] != id || got["idToken"] != idt {
		t.Errorf("refresh-token: %d %s", r.status, r.body)
	}
	r = h.get("/account-info?accountId="+id, withCookie(c))
	info := r.json(t)
	u, _ := info["user"].(map[string]any)
	acc, _ := info["account"].(map[string]any)
	data, _ := info["data"].(map[string]any)
	if r.status != 200 || u["id"] != "sub-1" || u["email"] != "ada@example.com" || u["emailVerified"] != true ||
		acc["accountId"] != "sub-1" || acc["id"] != id || data["name"] != "Ada" {
		t.Errorf("account-info: %d %s", r.status, r.body)
	}
	for _, ev := range h.eventTypes() {
		if strings.Contains(ev, "provider_tokens") {
			return
		}
	}
	t.Error("no provider token events")
}

// TestProviderTokenRefusals: no session is 401; a body that names no
// account 400 VALIDATION_ERROR; an unknown key 400; an account the caller
// does not have 400 ACCOUNT_NOT_FOUND (another person's too); the
// credential account 400 PROVIDER_NOT_SUPPORTED; an ID token that does
// not verify 401 INVALID_TOKEN; nothing is written.
func TestProviderTokenRefusals(t *testing.T) {
	op := newNativeOP(t)
	h := newHarness(t, withProvider(op))
	for _, p := range []string{"/get-access-token", "/refresh-token"} {
		if r := h.post(p, `{"accountId":"x"}`, nil); r.status != 401 {
			t.Errorf("%s without a session: %d %s", p, r.status, r.body)
		}
	}
	if r := h.get("/account-info?accountId=x", nil); r.status != 401 {
		t.Errorf("account-info without a session: %d %s", r.status, r.body)
	}
	idt, _, _ := op.grant("client-1", map[string]any{"sub": "sub-b", "email": "bob@example.com", "email_verified": true})
	bob := h.post("/sign-in/social", `{"provider":"op","idToken":{"token":"`+idt+`"}}`, nil)
	var bobAccs []map[string]any
	_ = json.Unmarshal(h.get("/list-accounts", withCookie(cookieHeader(bob))).body, &bobAccs)
	if len(bobAccs) != 1 {
		t.Fatalf("bob's accounts: %v", bobAccs)
	}
	bobAcc, _ := bobAccs[0]["id"].(string)
	c, su := h.signUp("ada@example.com", "correct horse 1", "Ada")
	uid, _ := su.json(t)["user"].(map[string]any)["id"].(string)
	var adaAccs []map[string]any
	_ = json.Unmarshal(h.get("/list-accounts", withCookie(c)).body, &adaAccs)
	cred, _ := adaAccs[0]["id"].(string)
	head := h.head()
	for _, tc := range []struct {
		body   string
		status int
		code   string
	}{
		{`{}`, 400, "VALIDATION_ERROR"},
		{`{"accountId":"x","scope":"all"}`, 400, ""},
		{`{"accountId":"nope"}`, 400, "ACCOUNT_NOT_FOUND"},
		{`{"accountId":"` + bobAcc + `"}`, 400, "ACCOUNT_NOT_FOUND"},
		{`{"accountId":"` + bobAcc + `","userId":"` + uid + `"}`, 400, "ACCOUNT_NOT_FOUND"},
		{`{"useAccountCookie":true}`, 400, "ACCOUNT_NOT_FOUND"},
		{`{"providerId":"op"}`, 400, "ACCOUNT_NOT_FOUND"},
		{`{"accountId":"` + cred + `"}`, 400, "PROVIDER_NOT_SUPPORTED"},
	} {
		for _, p := range []string{"/get-access-token", "/refresh-token"} {
			r := h.post(p, tc.body, withCookie(c))
			if r.status != tc.status || (tc.code != "" && r.json(t)["code"] != tc.code) {
				t.Errorf("%s %s: %d %s, want %d %s", p, tc.body, r.status, r.body, tc.status, tc.code)
			}
		}
	}
	if r := h.get("/account-info?accountId="+bobAcc, withCookie(c)); r.status != 400 || r.json(t)["code"] != "ACCOUNT_NOT_FOUND" {
		t.Errorf("account-info of bob's account: %d %s", r.status, r.body)
	}
	forged, _, _ := op.grant("client-2", map[string]any{"sub": "s", "email": "eve@example.com"})
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"another client's token", `{"provider":"op","idToken":{"token":"` + forged + `"}}`, 401, "INVALID_TOKEN"},
		{"not a token", `{"provider":"op","idToken":{"token":"x.y.z"}}`, 401, "INVALID_TOKEN"},
		{"no token", `{"provider":"op","idToken":{}}`, 400, "VALIDATION_ERROR"},
		{"unknown key in idToken", `{"provider":"op","idToken":{"token":"t","extra":1}}`, 400, ""},
		{"unknown provider", `{"provider":"nope","idToken":{"token":"t"}}`, 404, "PROVIDER_NOT_FOUND"},
		{"foreign callbackURL", `{"provider":"op","callbackURL":"https://evil.test/","idToken":{"token":"t"}}`, 403, "INVALID_CALLBACK_URL"},
		{"bad scope", `{"provider":"op","scopes":["a b"]}`, 400, "VALIDATION_ERROR"},
	} {
		r := h.post("/sign-in/social", tc.body, nil)
		if r.status != tc.status || (tc.code != "" && r.json(t)["code"] != tc.code) || cookieHeader(r) != "" {
			t.Errorf("%s: %d %s, want %d %s", tc.name, r.status, r.body, tc.status, tc.code)
		}
	}
	if h.head() != head {
		t.Error("refusals wrote events")
	}
}

// TestSignInSocialExtras: scopes, loginHint and requestSignUp are
// accepted and reach the authorization URL.
func TestSignInSocialExtras(t *testing.T) {
	op := newNativeOP(t)
	h := newHarness(t, withProvider(op))
	r := h.post("/sign-in/social", `{"provider":"op","scopes":["calendar"],"loginHint":"ada@example.com","requestSignUp":true,`+
		`"disableRedirect":true}`, nil)
	u, _ := r.json(t)["url"].(string)
	if r.status != 200 || !strings.Contains(u, "scope=openid+calendar") || !strings.Contains(u, "login_hint=ada%40example.com") {
		t.Errorf("sign-in/social: %d %s", r.status, r.body)
	}
	c, _ := h.signUp("ada@example.com", "correct horse 1", "Ada")
	r = h.post("/link-social", `{"provider":"op","scopes":["calendar"]}`, withCookie(c))
	if u, _ := r.json(t)["url"].(string); r.status != 200 || !strings.Contains(u, "scope=openid+calendar") {
		t.Errorf("link-social: %d %s", r.status, r.body)
	}
}
