package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/domain/tooltest"
)

// hydra is a real ORY Hydra (OpenID Connect provider) for one test: its
// own PostgreSQL database, public and admin listeners on free loopback
// ports, and a login-and-consent app that accepts every request through
// Hydra's admin API as Subject, with Claims in the ID token.
type hydra struct {
	t             testing.TB
	Public, Admin string // base URLs

	mu      sync.Mutex
	subject string
	claims  map[string]any
	deny    bool
}

// hydraBinary finds the Hydra that .ci/run builds (testdata/hydra/bin) or
// $AUTHLEDGER_TEST_HYDRA; without one the test ends through tooltest with
// the command that builds it.
func hydraBinary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("AUTHLEDGER_TEST_HYDRA"); p != "" {
		return p
	}
	p, _ := filepath.Abs(filepath.Join("testdata", "hydra", "bin", "hydra"))
	if _, err := os.Stat(p); err != nil {
		tooltest.Missing(t, "Hydra", "build it with go build -C cmd/authledger/testdata/hydra -o bin/hydra github.com/ory/hydra/v2, "+
			"or set AUTHLEDGER_TEST_HYDRA; .ci/run builds it")
	}
	return p
}

// startHydra migrates a fresh database and serves Hydra until the test
// ends; extraEnv are more Hydra settings (TTL_ACCESS_TOKEN=4s…).
func startHydra(t testing.TB, extraEnv ...string) *hydra {
	t.Helper()
	bin := hydraBinary(t)
	dsn := newPGDatabase(t, pgServerURL(t))
	h := &hydra{t: t, subject: "hydra-user-1", claims: map[string]any{}}
	app := httptest.NewServer(http.HandlerFunc(h.loginAndConsent))
	t.Cleanup(app.Close)
	pub, adm := freePort(t), freePort(t)
	h.Public, h.Admin = fmt.Sprintf("http://127.0.0.1:%d", pub), fmt.Sprintf("http://127.0.0.1:%d", adm)
	env := append(cleanEnv(), "DSN="+dsn, "SECRETS_SYSTEM=hydra-test-system-secret-0123456789",
		"URLS_SELF_ISSUER="+h.Public, "URLS_LOGIN="+app.URL+"/login", "URLS_CONSENT="+app.URL+"/consent",
		"SERVE_PUBLIC_HOST=127.0.0.1", "SERVE_ADMIN_HOST=127.0.0.1",
		fmt.Sprintf("SERVE_PUBLIC_PORT=%d", pub), fmt.Sprintf("SERVE_ADMIN_PORT=%d", adm), "LOG_LEVEL=warn")
	env = append(env, extraEnv...)
	mig := exec.Command(bin, "migrate", "sql", "up", "-e", "--yes")
	mig.Env = env
	if out, err := mig.CombinedOutput(); err != nil {
		t.Fatalf("hydra migrate: %v\n%s", err, out)
	}
	h.serve(bin, env)
	return h
}

// serve starts hydra serve all --dev and waits until it is ready.
func (h *hydra) serve(bin string, env []string) {
	t := h.t
	var logs bytes.Buffer
	cmd := exec.Command(bin, "serve", "all", "--dev")
	cmd.Env, cmd.Stdout, cmd.Stderr = env, &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("hydra serve: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if r, err := http.Get(h.Admin + "/health/ready"); err == nil {
			r.Body.Close()
			if r.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("hydra did not become ready:\n%s", logs.String())
}

// hydraClient is an OAuth 2 client registered in Hydra.
type hydraClient struct {
	ID, Secret string
}

// client registers a confidential client for the authorization-code flow
// (with refresh tokens) redirecting to redirectURI.
func (h *hydra) client(redirectURI string) hydraClient {
	h.t.Helper()
	var out struct {
		ID     string `json:"client_id"`
		Secret string `json:"client_secret"`
	}
	h.admin(http.MethodPost, "/admin/clients", map[string]any{
		"redirect_uris": []string{redirectURI}, "grant_types": []string{"authorization_code", "refresh_token"},
		"response_types": []string{"code"}, "scope": "openid email profile offline_access",
		"token_endpoint_auth_method": "client_secret_basic"}, &out)
	return hydraClient{ID: out.ID, Secret: out.Secret}
}

// as sets who the login app signs in next and the ID token's claims.
func (h *hydra) as(subject string, claims map[string]any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subject, h.claims = subject, claims
}

// denyConsent makes the next consents refused (access_denied).
func (h *hydra) denyConsent(deny bool) { h.mu.Lock(); h.deny = deny; h.mu.Unlock() }

// loginAndConsent is the login and consent app: it accepts the login
// challenge as the configured subject and grants every requested scope,
// with the configured claims in the ID token, then sends the browser on.
func (h *hydra) loginAndConsent(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	subject, claims, deny := h.subject, h.claims, h.deny
	h.mu.Unlock()
	var redirect struct {
		To string `json:"redirect_to"`
	}
	switch r.URL.Path {
	case "/login":
		ch := url.QueryEscape(r.URL.Query().Get("login_challenge"))
		h.admin(http.MethodPut, "/admin/oauth2/auth/requests/login/accept?login_challenge="+ch,
			map[string]any{"subject": subject}, &redirect)
	case "/consent":
		ch := url.QueryEscape(r.URL.Query().Get("consent_challenge"))
		if deny {
			h.admin(http.MethodPut, "/admin/oauth2/auth/requests/consent/reject?consent_challenge="+ch,
				map[string]any{"error": "access_denied", "error_description": "The person said no"}, &redirect)
			break
		}
		var req struct {
			Scopes []string `json:"requested_scope"`
		}
		h.admin(http.MethodGet, "/admin/oauth2/auth/requests/consent?consent_challenge="+ch, nil, &req)
		h.admin(http.MethodPut, "/admin/oauth2/auth/requests/consent/accept?consent_challenge="+ch,
			map[string]any{"grant_scope": req.Scopes, "session": map[string]any{"id_token": claims}}, &redirect)
	default:
		http.NotFound(w, r)
		return
	}
	http.Redirect(w, r, redirect.To, http.StatusFound)
}

// admin calls Hydra's admin API and decodes the JSON answer into out.
func (h *hydra) admin(method, path string, body, out any) {
	var rd *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	} else {
		rd = bytes.NewReader(nil)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, method, h.Admin+path, rd)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Errorf("hydra admin %s %s: %v", method, path, err)
		return
	}
	defer res.Body.Close()
	if res.StatusCode >= 300 {
		var msg bytes.Buffer
		_, _ = msg.ReadFrom(res.Body)
		h.t.Errorf("hydra admin %s %s: %d %s", method, strings.SplitN(path, "?", 2)[0], res.StatusCode, msg.String())
		return
	}
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			h.t.Errorf("hydra admin %s: %v", path, err)
		}
	}
}
