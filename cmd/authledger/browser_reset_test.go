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

// resetLink finds the emailed reset link in a message.
var resetLink = regexp.MustCompile(`http://[^/\s]+/api/auth/reset-password/[A-Za-z0-9_-]+\?callbackURL=\S*`)

// TestBrowserForgotPassword: from the sign-in page's "Forgot password?"
// link, ask for a reset; the mail (through a real SMTP sink) links to the
// hosted reset page, which refuses a mismatched repeat, sets the new
// password and sends the person to sign in with it; the used link then
// lands on "this link no longer works".
func TestBrowserForgotPassword(t *testing.T) {
	sink := mailtest.Start(t)
	srv := startServer(t, t.TempDir(), "--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()))
	b := newBrowser(t, srv.URL)
	ada := b.person("ada")

	signUpInBrowser(ada, "Ada Lovelace", "ada@example.com", "")
	ada.click("#signup-btn")
	ada.waitPath("/ui/account")
	ada.click("#signout-btn")
	ada.waitPath("/ui/sign-in")
	ada.idle()
	ada.click("#forgot-link")
	ada.waitPath("/ui/forgot-password")
	ada.fill("#email", "ada@example.com")
	ada.click("#forgot-btn")
	ada.visible("#sent")
	ada.shot("forgot-password-sent")

	msgs := sink.Wait(1, 15*time.Second)
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "ada@example.com" {
		t.Fatalf("mails = %+v, want one to ada@example.com", msgs)
	}
	link := resetLink.FindString(strings.ReplaceAll(msgs[0].Data, "=\r\n", ""))
	if link == "" || !strings.HasPrefix(link, srv.URL+"/") {
		t.Fatalf("no reset link on %s in %q", srv.URL, msgs[0].Data)
	}
	ada.do(chromedp.Navigate(link))
	ada.waitPath("/ui/reset-password")
	ada.visible("#reset-form")
	ada.fill("#password", "a brand new passphrase")
	ada.fill("#confirm", "a brand new passfrase")
	ada.click("#reset-btn")
	ada.waitFor("mismatch next to the field", `document.getElementById('confirm-error').textContent !== '' && document.activeElement.id === 'confirm'`)
	ada.fill("#confirm", "a brand new passphrase")
	ada.click("#reset-btn")
	ada.visible("#done")
	ada.shot("reset-password-done")
	ada.click("#signin-link")
	ada.waitPath("/ui/sign-in")
	ada.idle()
	ada.fill("#email", "ada@example.com")
	ada.fill("#password", "a brand new passphrase")
	ada.click("#signin-btn")
	ada.waitPath("/ui/account")

	ada.do(chromedp.Navigate(link))
	ada.waitPath("/ui/reset-password")
	ada.visible("#invalid")
	ada.shot("reset-password-used-link")
	if errs := ada.consoleErrors(); len(errs) != 0 {
		t.Errorf("unexpected errors: %q", errs)
	}
}
