package main

import (
	"html/template"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// formPostPage is a provider's form_post answer as Apple sends it: a page
// of the provider's site that posts the code and state to the callback.
var formPostPage = template.Must(template.New("relay").Parse(`<!doctype html>
<html><body onload="document.forms[0].submit()">
<form method="post" action="{{.Action}}">
<input type="hidden" name="code" value="{{.Code}}">
<input type="hidden" name="state" value="{{.State}}">
<input type="hidden" name="user" value="{&quot;name&quot;:{&quot;firstName&quot;:&quot;Kay&quot;}}">
</form></body></html>`))

// TestBrowserFormPostCallback: in Chromium, a provider answering with
// response_mode=form_post (Apple) posts the code and state to
// POST /api/auth/callback/<id> from another site. That cross-site POST
// carries no state cookie (SameSite=Lax); authledger redirects it (303) to
// the GET callback, which the browser opens as a top-level navigation
// with the cookie, so the flow completes and the person lands signed in.
// The provider here is Hydra (its code and state taken where it would
// redirect); the form comes from a page on localhost, another site than
// 127.0.0.1.
func TestBrowserFormPostCallback(t *testing.T) {
	r := startSocialRig(t)
	r.h.as("hydra-kay", map[string]any{"email": "kay@example.com", "email_verified": true, "name": "Kay Antcliff"})
	b := newBrowser(t, r.base)
	kay := b.person("kay")
	kay.open("/ui/sign-in")
	kay.idle()
	kay.do(chromedp.Evaluate[chromedp.Void](`void fetch('/api/auth/sign-in/social', {method: 'POST',
		headers: {'Content-Type': 'application/json'}, body: JSON.stringify({provider: 'hydra', callbackURL: '/ui/account'})})
		.then(r => r.json()).then(d => { window.__authURL = d.url })`))
	kay.waitFor("the authorization URL", `typeof window.__authURL === 'string'`)
	code, state := providerAnswer(t, r, eval[string](kay, `window.__authURL`))

	relay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = formPostPage.Execute(w, map[string]string{"Action": r.base + "/api/auth/callback/hydra", "Code": code, "State": state})
	}))
	t.Cleanup(relay.Close)
	kay.do(chromedp.Navigate(strings.Replace(relay.URL, "127.0.0.1", "localhost", 1) + "/form-post"))
	kay.waitPath("/ui/account")
	kay.do(chromedp.Evaluate[chromedp.Void](`void fetch('/api/auth/get-session').then(r => r.json()).then(d => { window.__who = d && d.user.email })`))
	kay.waitFor("get-session to show kay", `window.__who === "kay@example.com"`)
	kay.shot("form-post-signed-in")
}

// providerAnswer goes through Hydra's login and consent for authURL and
// returns the code and state it would send back, stopping before the
// callback.
func providerAnswer(t *testing.T, r *socialRig, authURL string) (code, state string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 20 * time.Second, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if strings.HasPrefix(req.URL.String(), r.base) {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	res, err := c.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.String(), r.base+"/api/auth/callback/hydra?") || loc.Query().Get("code") == "" {
		t.Fatalf("Hydra answered %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	return loc.Query().Get("code"), loc.Query().Get("state")
}
