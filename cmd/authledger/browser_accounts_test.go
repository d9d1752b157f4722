package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserLinkedAccounts: in Chromium, once the person proved their
// address, the account page's "Linked accounts" card lists the password and offers "Link" for each provider;
// linking one goes through Hydra and back to the card, which then lists
// it; unlinking the password leaves the provider (and offers "Set a
// password"); unlinking the last way in is refused with a message next to
// the list; "Set a password" mails a link whose page sets it, and the new
// password signs in to a card listing both again. Every button of the
// card has an accessible name.
func TestBrowserLinkedAccounts(t *testing.T) {
	r, sink := startMailRig(t)
	b := newBrowser(t, r.base)
	ivy := b.person("ivy")
	count := func(want string) {
		t.Helper()
		ivy.waitFor(want+" linked accounts", `!document.getElementById('accounts').getAttribute('aria-busy').includes('true') &&
			document.querySelectorAll('#accounts li').length === `+want)
	}
	signUpInBrowser(ivy, "Ivy", "ivy@example.com", "")
	ivy.click("#signup-btn")
	ivy.waitPath("/ui/account")
	ivy.idle()
	// Ivy proves her address first: what an unproven account links is
	// removed when the address is proven (pre-hijacking).
	ivy.click("#email-verify-btn")
	ivy.waitFor("the verification link on its way", `document.getElementById('email-status').textContent.includes('on its way')`)
	ivy.do(chromedp.Navigate(mailedLink(t, sink, 1, "ivy@example.com")))
	ivy.waitPath("/ui/account")
	ivy.idle()
	count("1")
	if got := eval[string](ivy, `document.querySelector('#accounts li').dataset.provider`); got != "credential" {
		t.Fatalf("first account is %q, want the password", got)
	}
	if n := eval[int](ivy, `[...document.querySelectorAll('.link-btn')].filter(b => !b.hidden).length`); n != 2 {
		t.Errorf("%d Link buttons, want one per provider (2)", n)
	}
	if hidden := eval[bool](ivy, `document.getElementById('password-set').hidden`); !hidden {
		t.Error("Set a password is offered to a person who has one")
	}
	ivy.shot("linked-accounts-password-only")

	r.h.as("hydra-ivy", map[string]any{"email": "ivy@elsewhere.example"})
	ivy.click(`.link-btn[data-provider="hydra-untrusted"]`)
	ivy.waitPath("/ui/account")
	ivy.idle()
	count("2")
	if hidden := eval[bool](ivy, `document.querySelector('.link-btn[data-provider="hydra-untrusted"]').hidden`); !hidden {
		t.Error("the linked provider is still offered")
	}
	if unnamed := eval[int](ivy, `[...document.querySelectorAll('#accounts button, #link-buttons button, #password-set button')]
		.filter(b => !(b.getAttribute('aria-label') || b.textContent).trim()).length`); unnamed != 0 {
		t.Errorf("%d buttons of the card have no accessible name", unnamed)
	}
	ivy.shot("linked-accounts-linked")

	ivy.click(`#accounts li[data-provider="credential"] .unlink-btn`)
	ivy.visible("#confirm-dialog")
	ivy.click("#confirm-ok")
	count("1")
	ivy.waitFor("Set a password offered", `!document.getElementById('password-set').hidden`)
	ivy.click(`#accounts li[data-provider="hydra-untrusted"] .unlink-btn`)
	ivy.visible("#confirm-dialog")
	ivy.click("#confirm-ok")
	ivy.waitFor("the last way in refused", `document.getElementById('accounts-error').textContent.includes('only way to sign in')`)
	ivy.forgive("status of 400")
	count("1")
	ivy.shot("linked-accounts-last-refused")

	ivy.click("#password-set-btn")
	ivy.waitFor("the link on its way", `document.getElementById('password-status').textContent.includes('on its way')`)
	ivy.do(chromedp.Navigate(mailedLink(t, sink, 2, "ivy@example.com")))
	ivy.waitPath("/ui/reset-password")
	ivy.fill("#password", "ivy's new horse 42")
	ivy.fill("#confirm", "ivy's new horse 42")
	ivy.click("#reset-btn")
	ivy.waitFor("the password set", `!document.getElementById('done').hidden`)
	ivy.open("/ui/sign-in")
	ivy.idle()
	ivy.fill("#email", "ivy@example.com")
	ivy.fill("#password", "ivy's new horse 42")
	ivy.click("#signin-btn")
	ivy.waitPath("/ui/account")
	ivy.idle()
	count("2")
	ivy.shot("linked-accounts-password-set")
	if errs := ivy.consoleErrors(); len(errs) != 0 {
		t.Errorf("unexpected errors: %q", errs)
	}
}
