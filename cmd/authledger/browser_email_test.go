package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/chromedp/chromedp"
)

// authLink finds the first link to the auth API in a mail.
var authLink = regexp.MustCompile(`http://[^/\s]+/api/auth/\S+`)

// mailedLink waits for the n-th mail (counting from 1) to addr and returns
// its link.
func mailedLink(t *testing.T, sink *mailtest.Sink, n int, addr string) string {
	t.Helper()
	msgs := sink.Wait(n, 15*time.Second)
	if len(msgs) < n || len(msgs[n-1].To) != 1 || msgs[n-1].To[0] != addr {
		t.Fatalf("mail %d: got %+v, want one to %s", n, msgs, addr)
	}
	link := authLink.FindString(msgs[n-1].Data)
	if link == "" {
		t.Fatalf("no link in mail %d: %q", n, msgs[n-1].Data)
	}
	return link
}

// TestBrowserEmailAndDeletion: the account page shows an unverified
// address and mails a verification link that, followed, verifies it; the
// change form moves the address after the current one approves and the new
// one proves itself; the delete card deletes the account with the
// password, after which the old credentials no longer sign in.
func TestBrowserEmailAndDeletion(t *testing.T) {
	sink := mailtest.Start(t)
	srv := startServer(t, t.TempDir(), "--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()),
		"--change-email", "on", "--delete-user", "on", "--send-verification-on-sign-up", "off")
	b := newBrowser(t, srv.URL)
	ada := b.person("ada")
	status := func(want string) {
		t.Helper()
		ada.waitFor("email status "+want, `document.getElementById('email-status').textContent.includes(`+fmt.Sprintf("%q", want)+`)`)
	}

	signUpInBrowser(ada, "Ada Lovelace", "ada@example.com", "")
	ada.click("#signup-btn")
	ada.waitPath("/ui/account")
	status("not verified yet")
	ada.click("#email-verify-btn")
	status("on its way")
	ada.do(chromedp.Navigate(mailedLink(t, sink, 1, "ada@example.com")))
	ada.waitPath("/ui/account")
	status("ada@example.com · verified")
	ada.shot("email-verified")

	ada.fill("#email-new", "countess@example.com")
	ada.click("#email-change-btn")
	status("Check your email")
	ada.do(chromedp.Navigate(mailedLink(t, sink, 2, "ada@example.com"))) // the current address approves
	ada.do(chromedp.Navigate(mailedLink(t, sink, 3, "countess@example.com")))
	ada.waitPath("/ui/account")
	status("countess@example.com · verified")
	ada.shot("email-changed")

	ada.fill("#delete-password", "not my password")
	ada.click("#delete-btn")
	ada.waitFor("wrong password next to the field", `document.getElementById('delete-password-error').textContent !== ''`)
	ada.forgive("status of 400")
	ada.fill("#delete-password", browserPassword)
	ada.click("#delete-btn")
	ada.waitPath("/ui/sign-in")
	ada.idle()
	ada.fill("#email", "countess@example.com")
	ada.fill("#password", browserPassword)
	ada.click("#signin-btn")
	ada.waitFor("deleted account refused", `document.getElementById('password-error').textContent !== ''`)
	ada.forgive("status of 401")
	if errs := ada.consoleErrors(); len(errs) != 0 {
		t.Errorf("unexpected errors: %q", errs)
	}
	if !strings.HasPrefix(srv.URL, "http://") {
		t.Fatalf("server URL %q", srv.URL)
	}
}
