package main

import (
	"fmt"
	"testing"

	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/chromedp/chromedp"
)

// TestBrowserVerifyEmailPage: with verification required, the sign-up page
// sends the browser to the verify-email page ("check your email"), and so
// does a sign-in before the address is proven (which mails a fresh link);
// that link replaces the first, which now says it no longer works; the
// fresh link lands on the same page, now saying the address is verified;
// the used link, followed again, says it no longer works and
// its form asks for a new one; sign-in then succeeds.
func TestBrowserVerifyEmailPage(t *testing.T) {
	sink := mailtest.Start(t)
	srv := startServer(t, t.TempDir(), "--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()),
		"--require-email-verification", "on", "--send-verification-on-sign-up", "on")
	b := newBrowser(t, srv.URL)
	vera := b.person("vera")
	shown := func(id string) {
		t.Helper()
		vera.waitFor(id+" shown", `!document.getElementById('`+id+`').hidden`)
	}

	signUpInBrowser(vera, "Vera Rubin", "vera@example.com", "")
	vera.click("#signup-btn")
	vera.waitPath("/ui/verify-email")
	shown("pending")
	shown("resend-form")
	first := mailedLink(t, sink, 1, "vera@example.com")

	vera.open("/ui/sign-in")
	vera.fill("#email", "vera@example.com")
	vera.fill("#password", browserPassword)
	vera.click("#signin-btn")
	vera.waitPath("/ui/verify-email")
	shown("pending")
	vera.forgive("status of 403")
	link := mailedLink(t, sink, 2, "vera@example.com") // the refused sign-in mailed a fresh link
	vera.do(chromedp.Navigate(first))                  // which replaced the first
	vera.waitPath("/ui/verify-email")
	shown("invalid")

	vera.do(chromedp.Navigate(link))
	vera.waitPath("/ui/verify-email")
	shown("verified")
	vera.shot("email-verified-page")

	vera.do(chromedp.Navigate(link)) // used: refused
	vera.waitPath("/ui/verify-email")
	shown("invalid")
	vera.fill("#email", "vera@example.com")
	vera.click("#resend-btn")
	vera.waitFor("resend acknowledged", `document.getElementById('resent').textContent.includes('vera@example.com')`)

	vera.open("/ui/sign-in")
	vera.fill("#email", "vera@example.com")
	vera.fill("#password", browserPassword)
	vera.click("#signin-btn")
	vera.waitPath("/ui/account")
	if errs := vera.consoleErrors(); len(errs) != 0 {
		t.Errorf("unexpected errors: %q", errs)
	}
}
