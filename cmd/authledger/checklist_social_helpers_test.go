package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// checklistRig is authledger with four providers on two real Hydras:
// "hydra" (trusted) and "hydra-untrusted" (another client, not trusted)
// on Hydra A, which sits behind an idpFront; "hydra-alias", another client
// of Hydra A configured with an issuer alias (startIssuerAlias), so its ID
// tokens name another issuer than the configured one; "hydra-b" (not
// trusted) on Hydra B, another issuer whose client has the same client id
// as "hydra"'s. stranger is a client of Hydra A that no provider uses.
type checklistRig struct {
	*socialRig
	front    *idpFront
	b        *hydra
	clientB  hydraClient
	stranger hydraClient
}

// strangerRedirect is where the stranger client's flows end (never
// followed).
const strangerRedirect = "http://127.0.0.1:9/stranger/callback"

func startChecklistRig(t *testing.T) *checklistRig {
	t.Helper()
	a, front := startHydraBehindFront(t)
	b := startHydra(t)
	port := freePort(t)
	base := fmt.Sprintf("http://127.0.0.1:%d", port)
	trusted := a.client(base + "/api/auth/callback/hydra")
	untrusted := a.client(base + "/api/auth/callback/hydra-untrusted")
	clientB := b.clientAt(trusted.ID, base+"/api/auth/callback/hydra-b")
	if clientB.ID != trusted.ID {
		t.Fatalf("Hydra B gave the client id %q, want %q", clientB.ID, trusted.ID)
	}
	stranger := a.client(strangerRedirect)
	alias := a.client(base + "/api/auth/callback/hydra-alias")
	aliasIssuer := startIssuerAlias(t, front.upstream)
	t.Setenv("E2E_HYDRA_ALIAS_SECRET", alias.Secret)
	t.Setenv("E2E_HYDRA_SECRET", trusted.Secret)
	t.Setenv("E2E_HYDRA_UNTRUSTED_SECRET", untrusted.Secret)
	t.Setenv("E2E_HYDRA_B_SECRET", clientB.Secret)
	providers := fmt.Sprintf("id=hydra,issuer=%s,client-id=%s,client-secret-env=E2E_HYDRA_SECRET,scopes=openid email profile,trusted=true;"+
		"id=hydra-untrusted,issuer=%s,client-id=%s,client-secret-env=E2E_HYDRA_UNTRUSTED_SECRET,scopes=openid email;"+
		"id=hydra-b,issuer=%s,client-id=%s,client-secret-env=E2E_HYDRA_B_SECRET,scopes=openid email;"+
		"id=hydra-alias,issuer=%s,client-id=%s,client-secret-env=E2E_HYDRA_ALIAS_SECRET,scopes=openid email",
		a.Public, trusted.ID, a.Public, untrusted.ID, b.Public, clientB.ID, aliasIssuer, alias.ID)
	srv := startServer(t, t.TempDir(), "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--base-url", base,
		"--oidc-providers", providers)
	return &checklistRig{socialRig: &socialRig{h: a, srv: srv, base: base, client: trusted}, front: front, b: b,
		clientB: clientB, stranger: stranger}
}

// as makes both Hydras sign in subject with claims.
func (r *checklistRig) as(subject string, claims map[string]any) {
	r.h.as(subject, claims)
	r.b.as(subject, claims)
}

// begin starts a flow of provider from b: sign-in/social, or link-social
// when link is set (b must be signed in). It returns the authorization
// URL; the state cookie lands in b's jar.
func (b *socialBrowser) begin(t *testing.T, provider string, link bool) string {
	t.Helper()
	route := "sign-in/social"
	if link {
		route = "link-social"
	}
	status, out, _ := b.post(t, route, map[string]any{"provider": provider, "callbackURL": "/home",
		"errorCallbackURL": "/oops"})
	u, _ := out["url"].(string)
	if status != http.StatusOK || out["redirect"] != true || !strings.Contains(u, "/oauth2/auth?") {
		t.Fatalf("%s: %d %v", route, status, out)
	}
	return u
}

// intercept runs b through the provider from authURL and stops before
// authledger's callback: it returns the callback's query (state, code), as
// someone who reads the redirect would.
func (b *socialBrowser) intercept(t *testing.T, authURL string) url.Values {
	t.Helper()
	var got url.Values
	c := &http.Client{Jar: b.Jar, Timeout: b.Timeout, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), b.rig.base+"/api/auth/callback/") {
			got = req.URL.Query()
			return http.ErrUseLastResponse
		}
		return nil
	}}
	res, err := c.Get(authURL)
	if err != nil {
		t.Fatalf("intercept: %v", err)
	}
	res.Body.Close()
	if got.Get("code") == "" || got.Get("state") == "" {
		t.Fatalf("the provider answered %v, not a code", got)
	}
	return got
}

// deliver calls authledger's callback of provider with query q from b
// (b's cookies) and returns where it sent the browser.
func (b *socialBrowser) deliver(t *testing.T, provider string, q url.Values) string {
	t.Helper()
	res, err := b.Get(b.rig.base + "/api/auth/callback/" + provider + "?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusFound {
		t.Fatalf("callback: %d", res.StatusCode)
	}
	return res.Header.Get("Location")
}

// signUp signs b up with a password and returns the person's id.
func (b *socialBrowser) signUp(t *testing.T, email string) string {
	t.Helper()
	if status, out, _ := b.post(t, "sign-up/email", map[string]any{"name": "Someone", "email": email,
		"password": "correct horse 1"}); status != http.StatusOK {
		t.Fatalf("sign-up %s: %d %v", email, status, out)
	}
	_, id := b.session(t)
	return id
}

// auditCounts counts the audit log's events of each of types (GET
// /v1/audit/events, every page).
func (r *checklistRig) auditCounts(t *testing.T, types ...string) map[string]int {
	t.Helper()
	got := map[string]int{}
	q := url.Values{"type": {strings.Join(types, ",")}, "limit": {"1000"}}
	for pages := 0; pages < 1000; pages++ {
		var page struct {
			Items []struct {
				Type    string `json:"type"`
				Outcome string `json:"outcome"`
			} `json:"items"`
			Next string `json:"next"`
		}
		r.srv.adminGet(t, "/v1/audit/events?"+q.Encode(), &page)
		for _, it := range page.Items {
			got[it.Type]++
			if it.Outcome == "failure" {
				got[it.Type+"/failure"]++
			}
		}
		if page.Next == "" {
			return got
		}
		q.Set("cursor", page.Next)
	}
	t.Fatal("the audit log does not end")
	return nil
}
