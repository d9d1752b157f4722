package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
)

// virtualAuthenticator attaches Chrome's virtual platform authenticator
// (CTAP2, resident keys, user verification) to the window.
func (tb *tab) virtualAuthenticator() webauthn.AuthenticatorID {
	tb.b.t.Helper()
	if _, err := chromedp.Call(tb.ctx, webauthn.Enable, webauthn.EnableParams{}); err != nil {
		tb.b.t.Fatalf("WebAuthn.enable: %v", err)
	}
	res, err := chromedp.Call(tb.ctx, webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
		Options: &webauthn.VirtualAuthenticatorOptions{Protocol: webauthn.AuthenticatorProtocolCtap2,
			Ctap2version: webauthn.Ctap2versionCtap21, Transport: webauthn.AuthenticatorTransportInternal,
			HasResidentKey: true, HasUserVerification: true, IsUserVerified: true, AutomaticPresenceSimulation: true}})
	if err != nil {
		tb.b.t.Fatalf("WebAuthn.addVirtualAuthenticator: %v", err)
	}
	return res.AuthenticatorID
}

// credentials lists what the virtual authenticator holds.
func (tb *tab) credentials(id webauthn.AuthenticatorID) []*webauthn.Credential {
	tb.b.t.Helper()
	res, err := chromedp.Call(tb.ctx, webauthn.GetCredentials, webauthn.GetCredentialsParams{AuthenticatorID: id})
	if err != nil {
		tb.b.t.Fatalf("WebAuthn.getCredentials: %v", err)
	}
	return res.Credentials
}

// TestBrowserPasskey: register a passkey through Chrome's virtual
// authenticator from the account page, rename it, sign out, sign in with
// the passkey only (no email typed), then remove it.
func TestBrowserPasskey(t *testing.T) {
	port := freePort(t)
	base := fmt.Sprintf("http://localhost:%d", port) // WebAuthn needs a host name, not an IP
	startServer(t, t.TempDir(), "--addr", fmt.Sprintf("127.0.0.1:%d", port), "--base-url", base)
	b := newBrowser(t, base)
	lin := b.person("lin")
	auth := lin.virtualAuthenticator()

	signUpInBrowser(lin, "Lin Chen", "lin@example.com", "")
	lin.click("#signup-btn")
	lin.waitPath("/ui/account")
	lin.idle()
	lin.fill("#pk-name", "Laptop")
	lin.click("#pk-add-btn")
	lin.waitFor("passkey listed", `document.querySelectorAll('#passkeys li[data-passkey-id]').length === 1`)
	creds := lin.credentials(auth)
	if len(creds) != 1 || !creds[0].IsResidentCredential {
		t.Fatalf("authenticator holds %d credentials (want 1 discoverable)", len(creds))
	}
	lin.shot("passkey-added")

	lin.click("#passkeys .pk-rename")
	lin.visible("#passkeys .pk-rename-form input")
	lin.fill("#passkeys .pk-rename-form input", "Work laptop")
	lin.click("#passkeys .pk-rename-form button[type=submit]")
	lin.waitFor("renamed", `[...document.querySelectorAll('#passkeys .pk-name')].some(n => n.textContent.startsWith('Work laptop'))`)

	lin.click("#signout-btn")
	lin.waitPath("/ui/sign-in")
	lin.idle()
	lin.click("#more-options summary")
	lin.visible("#passkey-btn")
	lin.shot("sign-in-options")
	lin.click("#passkey-btn")
	lin.waitPath("/ui/account")
	lin.idle()
	lin.waitFor("signed in as Lin", `document.getElementById('whoami').textContent.includes('lin@example.com')`)
	lin.waitFor("passkey listed", `document.querySelectorAll('#passkeys li[data-passkey-id]').length === 1`)
	lin.shot("signed-in-with-passkey")

	lin.click("#passkeys .pk-remove")
	lin.visible("#confirm-dialog")
	lin.click("#confirm-ok")
	lin.waitFor("passkey removed", `document.querySelectorAll('#passkeys li[data-passkey-id]').length === 0`)
}
