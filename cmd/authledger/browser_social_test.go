package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSocialSignIn: in Chromium, the sign-in page offers a button
// per configured provider; a refused consent comes back to the sign-in
// page with the reason next to the buttons; then "Continue with hydra"
// goes through Hydra's login and consent and back to the callback, and
// lands on the account page signed in (the state cookie and the session
// cookies as a real browser keeps them).
func TestBrowserSocialSignIn(t *testing.T) {
	r := startSocialRig(t)
	r.h.as("hydra-grace", map[string]any{"email": "grace@example.com", "email_verified": true, "name": "Grace Hopper"})
	b := newBrowser(t, r.base)
	grace := b.person("grace")
	grace.open("/ui/sign-in")
	grace.idle()
	if n := eval[int](grace, `document.querySelectorAll('.social-btn').length`); n != 2 {
		t.Fatalf("sign-in page offers %d providers, want 2", n)
	}
	grace.shot("sign-in-with-providers")

	r.h.denyConsent(true)
	grace.click(`.social-btn[data-provider="hydra"]`)
	grace.waitFor("the refusal on the sign-in page", `location.pathname === '/ui/sign-in' && document.getElementById('social-error').textContent.includes('access_denied')`)
	grace.shot("social-sign-in-refused")

	r.h.denyConsent(false)
	grace.click(`.social-btn[data-provider="hydra"]`)
	grace.waitPath("/ui/account")
	grace.do(chromedp.Evaluate[chromedp.Void](`void fetch('/api/auth/get-session').then(r => r.json()).then(d => { window.__who = d && d.user.email })`))
	grace.waitFor("get-session to show grace", `window.__who === "grace@example.com"`)
	grace.shot("social-sign-in-account")
	if errs := grace.consoleErrors(); len(errs) != 0 {
		t.Errorf("unexpected errors: %q", errs)
	}
}
