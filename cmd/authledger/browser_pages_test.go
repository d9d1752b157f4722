package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/api/mail/mailtest"
	"github.com/chromedp/chromedp/kb"
)

// pageVisit is one hosted page as a person in some state sees it.
type pageVisit struct {
	who   *tab
	path  string
	ready string // JavaScript condition: the page has its content
}

// TestBrowserEveryPage: every hosted page, signed out and signed in, at
// desktop (1280) and phone (390) widths, in light and dark mode: axe-core
// finds no serious or critical violation, no page scrolls sideways at
// 390 px, and each state is screenshotted.
func TestBrowserEveryPage(t *testing.T) {
	sink := mailtest.Start(t)
	srv := startServer(t, t.TempDir(), "--smtp-url", fmt.Sprintf("smtp://%s?from=noreply@example.com", sink.Addr()),
		"--change-email", "on", "--delete-user", "on", "--send-verification-on-sign-up", "off",
		"--invitations-need-verified-email", "off", "--brand-name", "Acme ID")
	b := newBrowser(t, srv.URL)
	ada, bob, guest := b.person("ada"), b.person("bob"), b.person("guest")

	signUpInBrowser(ada, "Ada Lovelace", "ada@example.com", "?next=/ui/organizations")
	ada.click("#signup-btn")
	ada.waitPath("/ui/organizations")
	ada.idle()
	ada.fill("#org-name", "Analytical Engines")
	ada.click("#create-btn")
	ada.waitFor("organization active", `document.getElementById('active-org').textContent === 'Active: Analytical Engines'`)
	signUpInBrowser(bob, "Bob", "bob@example.com", "")
	bob.click("#signup-btn")
	bob.waitPath("/ui/account")

	ada.open("/ui/organizations/members")
	ada.idle()
	ada.fill("#invite-email", "bob@example.com")
	ada.click("#invite-btn")
	ada.waitFor("invitation sent", `!document.getElementById('invite-done').hidden`)
	if got := eval[string](ada, `document.getElementById('invite-done-text').textContent`); !strings.HasPrefix(got, "Invitation sent to bob@example.com") {
		t.Errorf("with mail configured the page says %q, want that the invitation was sent", got)
	}
	link := eval[string](ada, `document.getElementById('invite-link').value`)
	if !strings.HasPrefix(link, srv.URL+"/ui/accept-invitation?id=") {
		t.Fatalf("invitation link = %q", link)
	}
	msgs := sink.Wait(1, 15*time.Second)
	if len(msgs) == 0 || msgs[len(msgs)-1].To[0] != "bob@example.com" || !strings.Contains(strings.ReplaceAll(msgs[len(msgs)-1].Data, "=\r\n", ""), strings.TrimPrefix(link, srv.URL)) {
		t.Errorf("no invitation mail to bob@example.com with the page's link")
	}
	invitation := strings.TrimPrefix(link, srv.URL)

	visits := []pageVisit{
		{guest, "/ui/sign-in", `!document.getElementById('signin-form').hidden`},
		{guest, "/ui/sign-up", `!document.getElementById('signup-form').hidden`},
		{guest, "/ui/forgot-password", `!document.getElementById('forgot-form').hidden`},
		{guest, "/ui/reset-password?token=not-a-token", `true`},
		{guest, "/ui/verify-email?sent=1", `true`},
		{guest, "/ui/two-factor", `true`},
		{guest, invitation, `!document.getElementById('inv-signin').hidden`},
		{ada, "/ui/sign-in", `!document.getElementById('continue').hidden`},
		{ada, "/ui/account", `!document.getElementById('loading')`},
		{ada, "/ui/organizations", `document.querySelectorAll('#org-select option').length === 1 && !document.getElementById('settings-card').hidden`},
		{ada, "/ui/organizations/members", `document.querySelectorAll('#members tbody tr').length === 1 && document.querySelector('#invitations [data-invitation-id]')`},
		{bob, invitation, `!document.getElementById('inv-actions').hidden`},
		{bob, "/ui/sign-in?lang=de", `document.documentElement.lang === 'de'`},
	}
	for _, width := range []int64{desktopWidth, phoneWidth} {
		for _, scheme := range []string{"light", "dark"} {
			for _, v := range visits {
				name := strings.NewReplacer("/ui/", "", "/", "-").Replace(strings.SplitN(v.path, "?", 2)[0])
				if strings.Contains(v.path, "lang=de") {
					name += "-de"
				}
				label := fmt.Sprintf("%s-%d-%s", name, width, scheme)
				v.who.viewport(width)
				v.who.colorScheme(scheme)
				v.who.open(v.path)
				v.who.idle()
				v.who.waitFor(label+" ready", v.ready)
				v.who.forgive("status of 4") // the pages' own probes (no session, a dead token) answer 4xx
				if width == phoneWidth {
					v.who.noHorizontalScroll(label)
				}
				v.who.axe(label)
				v.who.shot(label)
			}
		}
	}
	// The confirmation dialog, open on a phone in dark mode, passes too,
	// and Escape closes it without cancelling the invitation.
	ada.open("/ui/organizations/members")
	ada.idle()
	ada.click(`#invitations button[aria-label="Cancel invitation for bob@example.com"]`)
	ada.visible("#confirm-dialog")
	if id := eval[string](ada, `document.activeElement.id`); id != "confirm-cancel" {
		t.Errorf("the dialog opens with focus on %q, want the Cancel button", id)
	}
	if got := eval[string](ada, `document.getElementById('confirm-cancel').textContent`); got != "Keep" {
		t.Errorf("cancelling an invitation offers %q beside Cancel invitation, want Keep", got)
	}
	ada.axe("confirm-dialog-390-dark")
	ada.noHorizontalScroll("confirm-dialog")
	ada.shot("confirm-dialog-390-dark")
	ada.do(keys(kb.Escape))
	ada.waitFor("dialog closed", `!document.getElementById('confirm-dialog').open`)
	if n := eval[int](ada, `document.querySelectorAll('#invitations [data-invitation-id]').length`); n != 1 {
		t.Errorf("Escape left %d pending invitations, want 1", n)
	}

	if lang := eval[string](bob, `document.documentElement.lang`); lang != "de" {
		t.Errorf("?lang=de gave <html lang=%q>", lang)
	}
	if got := eval[string](bob, `document.getElementById('signin-btn') ? document.getElementById('continue-btn').textContent : ''`); got != "Weiter" {
		t.Errorf("German sign-in page says %q on its Continue button", got)
	}
}

// TestBrowserKeyboardOnly: sign-up, sign-in, two-factor setup and an
// invitation acceptance with nothing but Tab, Enter, Space and typing;
// the invitee's window is a 390 px phone.
func TestBrowserKeyboardOnly(t *testing.T) {
	srv := startServer(t, t.TempDir(), "--brand-name", "Acme ID")
	b := newBrowser(t, srv.URL)
	ann, ben := b.person("ann"), b.person("ben")
	ben.viewport(phoneWidth) // Ben answers from his phone

	// Sign-up: skip link, brand, then the form.
	ann.open("/ui/sign-up?next=/ui/organizations")
	ann.idle()
	ann.tabTo("name", 4)
	ann.do(keys("Ann\tann@example.com\t" + browserPassword))
	ann.waitFor("strength meter", `document.getElementById('strength').value >= 3`)
	ann.tabTo("signup-btn", 3)
	ann.do(keys("\r"))
	ann.waitPath("/ui/organizations")
	ann.idle()
	ann.tabTo("org-name", 30)
	ann.do(keys("Keyboard Co\t"))
	ann.tabTo("create-btn", 4)
	ann.do(keys("\r"))
	ann.waitFor("organization created", `document.getElementById('active-org').textContent === 'Active: Keyboard Co'`)

	// Invite Ben from the members page.
	ann.open("/ui/organizations/members")
	ann.idle()
	ann.waitFor("invite form", `!document.getElementById('invite-card').hidden`)
	ann.tabTo("invite-email", 40)
	ann.do(keys("ben@example.com\r"))
	ann.waitFor("invitation created", `!document.getElementById('invite-done').hidden`)
	if got := eval[string](ann, `document.getElementById('invite-done-text').textContent`); !strings.HasPrefix(got, "Invitation created. Copy the link") {
		t.Errorf("without mail the page says %q", got)
	}
	invitation := strings.TrimPrefix(eval[string](ann, `document.getElementById('invite-link').value`), srv.URL)

	// Two-factor setup, from the account page's password field to Done.
	ann.open("/ui/account")
	ann.idle()
	ann.tabTo("tf-password", 20)
	ann.do(keys(browserPassword + "\r"))
	ann.waitFor("setup shown", `!document.getElementById('tf-setup').hidden && document.activeElement.id === 'tf-code'`)
	// The phone scans the QR code; the test computes its code from the key.
	secret := strings.ReplaceAll(eval[string](ann, `document.getElementById('totp-secret').textContent`), " ", "")
	step := uint64(time.Now().Unix() / 30)
	ann.do(keys(totpCode(t, secret, step) + "\r"))
	ann.waitFor("backup codes", `!document.getElementById('tf-backup').hidden && document.activeElement.id === 'tf-backup-title'`)
	ann.tabTo("codes-saved", 6)
	ann.do(keys(" "))
	ann.waitFor("acknowledged", `!document.getElementById('codes-done').disabled`)
	ann.tabTo("codes-done", 2)
	ann.do(keys("\r"))
	ann.waitFor("two-factor on", `document.getElementById('tf-backup').hidden && document.getElementById('tf-status').textContent.startsWith('On')`)
	ann.shot("two-factor-on")

	// Ben follows the invitation signed out, creates his account and accepts.
	ben.open(invitation)
	ben.idle()
	ben.tabTo("inv-signup-link", 6)
	ben.do(keys("\r"))
	ben.waitPath("/ui/sign-up")
	ben.idle()
	ben.tabTo("name", 4)
	ben.do(keys("Ben\tben@example.com\t" + browserPassword))
	ben.tabTo("signup-btn", 3)
	ben.do(keys("\r"))
	ben.waitPath("/ui/accept-invitation")
	ben.waitFor("accept focused", `document.activeElement.id === 'accept-btn'`)
	ben.do(keys(" "))
	ben.waitPath("/ui/organizations")
	ben.waitFor("joined", `document.getElementById('org-status').textContent === 'You joined Keyboard Co.'`)
	ben.shot("joined")

	// Sign-in with the keyboard, then the second factor.
	ann.open("/ui/account")
	ann.idle()
	ann.tabTo("signout-btn", 6)
	ann.do(keys("\r"))
	ann.waitPath("/ui/sign-in")
	ann.idle()
	ann.tabTo("email", 3)
	ann.do(keys("ann@example.com\t" + browserPassword + "\r"))
	ann.waitPath("/ui/two-factor")
	ann.idle()
	ann.tabTo("code", 8)
	ann.do(keys(totpCode(t, secret, max(step+1, uint64(time.Now().Unix()/30))) + "\r"))
	ann.waitPath("/ui/account")
}
