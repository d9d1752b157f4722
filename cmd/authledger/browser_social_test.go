package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSocialSignIn: in Chromium, a page of the server asks
// sign-in/social for Hydra, follows the URL through Hydra's login and
// consent and back to the callback, and lands on the callback URL signed
// in (the state cookie and the session cookies as a real browser keeps
// them); get-session then shows the new person.
func TestBrowserSocialSignIn(t *testing.T) {
	r := startSocialRig(t)
	r.h.as("hydra-grace", map[string]any{"email": "grace@example.com", "email_verified": true, "name": "Grace Hopper"})
	b := newBrowser(t, r.base)
	grace := b.person("grace")
	grace.open("/ui/sign-in")
	grace.idle()
	grace.do(chromedp.Evaluate[chromedp.Void](`void fetch('/api/auth/sign-in/social', {method: 'POST', headers: {'content-type': 'application/json'},
		body: JSON.stringify({provider: 'hydra', callbackURL: '/ui/account'})}).then(r => r.json()).then(d => { location.href = d.url })`))
	grace.waitPath("/ui/account")
	grace.do(chromedp.Evaluate[chromedp.Void](`void fetch('/api/auth/get-session').then(r => r.json()).then(d => { window.__who = d && d.user.email })`))
	grace.waitFor("get-session to show grace", `window.__who === "grace@example.com"`)
	grace.shot("social-sign-in-account")
}
