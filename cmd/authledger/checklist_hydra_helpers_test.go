package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// idpFront is a reverse proxy in front of one real Hydra: Hydra's issuer is
// the proxy's URL, so discovery, the authorization endpoint and the token
// endpoint all pass through it. It can replace the ID token of the token
// endpoint's answer (swap), the way an attacker between the server and the
// provider, or a broken provider, would. The provider stays real: every
// other byte is Hydra's.
type idpFront struct {
	URL      string // the issuer
	upstream string // Hydra's own public URL

	mu   sync.Mutex
	swap func(idToken string) string // nil: the answer passes unchanged
}

// startHydraBehindFront starts a Hydra whose issuer is an idpFront; the
// returned hydra's Public is the front's URL (what a relying party sees).
func startHydraBehindFront(t testing.TB) (*hydra, *idpFront) {
	t.Helper()
	pub := freePort(t)
	f := &idpFront{upstream: fmt.Sprintf("http://127.0.0.1:%d", pub)}
	target, _ := url.Parse(f.upstream)
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.ModifyResponse = f.tamper
	front := httptest.NewServer(rp)
	t.Cleanup(front.Close)
	f.URL = front.URL
	h := startHydraAt(t, pub, f.URL)
	return h, f
}

// startHydraAt is startHydra with the public port and the issuer given.
func startHydraAt(t testing.TB, pub int, issuer string) *hydra {
	t.Helper()
	bin := hydraBinary(t)
	dsn := newPGDatabase(t, pgServerURL(t))
	h := &hydra{t: t, subject: "hydra-user-1", claims: map[string]any{}}
	app := httptest.NewServer(http.HandlerFunc(h.loginAndConsent))
	t.Cleanup(app.Close)
	adm := freePort(t)
	h.Public, h.Admin = issuer, fmt.Sprintf("http://127.0.0.1:%d", adm)
	env := append(cleanEnv(), "DSN="+dsn, "SECRETS_SYSTEM=hydra-test-system-secret-0123456789",
		"URLS_SELF_ISSUER="+issuer, "URLS_LOGIN="+app.URL+"/login", "URLS_CONSENT="+app.URL+"/consent",
		"SERVE_PUBLIC_HOST=127.0.0.1", "SERVE_ADMIN_HOST=127.0.0.1",
		fmt.Sprintf("SERVE_PUBLIC_PORT=%d", pub), fmt.Sprintf("SERVE_ADMIN_PORT=%d", adm), "LOG_LEVEL=warn")
	mig := exec.Command(bin, "migrate", "sql", "up", "-e", "--yes")
	mig.Env = env
	if out, err := mig.CombinedOutput(); err != nil {
		t.Fatalf("hydra migrate: %v\n%s", err, out)
	}
	h.serve(bin, env)
	return h
}

// swapIDToken sets (nil: clears) how the token answers' ID token is
// replaced.
func (f *idpFront) swapIDToken(swap func(string) string) { f.mu.Lock(); f.swap = swap; f.mu.Unlock() }

// tamper replaces the ID token of a token endpoint answer when asked to.
func (f *idpFront) tamper(res *http.Response) error {
	f.mu.Lock()
	swap := f.swap
	f.mu.Unlock()
	if swap == nil || res.Request.URL.Path != "/oauth2/token" || res.StatusCode != http.StatusOK {
		return nil
	}
	return rewriteJSON(res, func(body map[string]any) {
		if id, ok := body["id_token"].(string); ok {
			body["id_token"] = swap(id)
		}
	})
}

// unsigned is the ID token with its header changed to alg "none" and no
// signature: the same claims, signed by no one.
func unsigned(idToken string) string {
	parts := strings.Split(idToken, ".")
	header := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`))
	return header + "." + parts[1] + "."
}

// clientAt registers a confidential client whose id is chosen (Hydra lets
// the admin API set it), so a second Hydra can have "the same" client.
func (h *hydra) clientAt(id, redirectURI string) hydraClient {
	h.t.Helper()
	var out struct {
		ID     string `json:"client_id"`
		Secret string `json:"client_secret"`
	}
	h.admin(http.MethodPost, "/admin/clients", map[string]any{"client_id": id,
		"redirect_uris": []string{redirectURI}, "grant_types": []string{"authorization_code", "refresh_token"},
		"response_types": []string{"code"}, "scope": "openid email profile offline_access",
		"token_endpoint_auth_method": "client_secret_basic"}, &out)
	return hydraClient{ID: out.ID, Secret: out.Secret}
}

// codeAt runs a browser through Hydra's authorization endpoint (at
// authBase, its issuer) for client c with nonce, stopping where Hydra sends it to
// redirectURI; it returns that redirect's query (code and state).
func codeAt(t testing.TB, authBase string, c hydraClient, redirectURI, nonce string) url.Values {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	var got url.Values
	b := &http.Client{Jar: jar, Timeout: 20 * time.Second, CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(r.URL.String(), redirectURI) {
			got = r.URL.Query()
			return http.ErrUseLastResponse
		}
		return nil
	}}
	q := url.Values{"client_id": {c.ID}, "response_type": {"code"}, "scope": {"openid email profile"},
		"redirect_uri": {redirectURI}, "state": {"side-flow-state-0123456789"}, "nonce": {nonce}}
	res, err := b.Get(authBase + "/oauth2/auth?" + q.Encode())
	if err != nil {
		t.Fatalf("side flow: %v", err)
	}
	res.Body.Close()
	if got == nil || got.Get("code") == "" {
		t.Fatalf("side flow ended at %d %s without a code (%v)", res.StatusCode, res.Request.URL, got)
	}
	return got
}

// idTokenAt runs a whole side flow for client c at the Hydra whose issuer
// is base and returns the ID token Hydra signed for it: a genuine token of
// that provider, client and nonce.
func idTokenAt(t testing.TB, base string, c hydraClient, redirectURI, nonce string) string {
	t.Helper()
	code := codeAt(t, base, c, redirectURI, nonce).Get("code")
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI}}
	req, _ := http.NewRequest(http.MethodPost, base+"/oauth2/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(c.ID), url.QueryEscape(c.Secret))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("side flow token: %v", err)
	}
	defer res.Body.Close()
	var out struct {
		IDToken string `json:"id_token"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusOK || out.IDToken == "" {
		t.Fatalf("side flow token: %d %v", res.StatusCode, err)
	}
	return out.IDToken
}

// claimsOf decodes an ID token's payload (no verification: for assertions
// about what a test built).
func claimsOf(t testing.TB, idToken string) map[string]any {
	t.Helper()
	parts := strings.Split(idToken, ".")
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	var m map[string]any
	if err == nil {
		err = json.Unmarshal(raw, &m)
	}
	if err != nil {
		t.Fatalf("ID token payload: %v", err)
	}
	return m
}

// startIssuerAlias serves a Hydra (upstream, its own public URL) under
// another URL whose discovery document names that URL as the issuer —
// every endpoint and key stays Hydra's. A provider configured with the
// alias as its issuer gets genuine ID tokens, signed with the keys it
// trusts, whose iss is Hydra's real issuer: the wrong issuer.
func startIssuerAlias(t testing.TB, upstream string) string {
	t.Helper()
	target, _ := url.Parse(upstream)
	rp := httputil.NewSingleHostReverseProxy(target)
	alias := httptest.NewUnstartedServer(rp)
	alias.Start()
	t.Cleanup(alias.Close)
	rp.ModifyResponse = func(res *http.Response) error {
		if res.Request.URL.Path != "/.well-known/openid-configuration" || res.StatusCode != http.StatusOK {
			return nil
		}
		return rewriteJSON(res, func(doc map[string]any) { doc["issuer"] = alias.URL })
	}
	return alias.URL
}

// rewriteJSON replaces a JSON object response's body by edit's result.
func rewriteJSON(res *http.Response, edit func(map[string]any)) error {
	raw, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		return err
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		return err
	}
	edit(body)
	out, _ := json.Marshal(body)
	res.Body = io.NopCloser(bytes.NewReader(out))
	res.ContentLength = int64(len(out))
	res.Header.Set("Content-Length", fmt.Sprint(len(out)))
	return nil
}
