package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// The hosted pages (/ui) driven in a real headless Chromium against the
// real binary. Each page is screenshotted into the artefact folder
// (artefactDir) and must log no console error, CSP violation or failed load.

const browserPassword = "correct horse battery staple"

// signUpInBrowser creates an account through the sign-up page.
func signUpInBrowser(tb *tab, name, email, next string) {
	tb.b.t.Helper()
	tb.open("/ui/sign-up" + next)
	tb.visible("#signup-form")
	tb.fill("#name", name)
	tb.fill("#email", email)
	tb.fill("#password", browserPassword)
	tb.waitFor("strength meter", `document.getElementById('strength').value >= 3`)
}

// TestBrowserTOTP: sign up, turn on TOTP from the QR page (the code is
// computed here from the key shown), sign out, sign in with the keyboard
// only, answer the second factor, and see the "Continue as" card.
func TestBrowserTOTP(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t, srv.URL)
	ada := b.person("ada")

	signUpInBrowser(ada, "Ada Lovelace", "ada@example.com", "")
	ada.shot("sign-up")
	ada.click("#signup-btn")
	ada.waitPath("/ui/account")
	ada.idle()
	ada.shot("account")

	ada.fill("#tf-password", browserPassword)
	ada.click("#tf-enable-btn")
	ada.visible("#tf-setup")
	ada.waitFor("QR code", `document.getElementById('tf-qr').src.startsWith('data:image/svg+xml;base64,') && document.getElementById('tf-qr').complete && document.getElementById('tf-qr').naturalWidth > 0`)
	secret := strings.ReplaceAll(eval[string](ada, `document.getElementById('totp-secret').textContent`), " ", "")
	if n := eval[int](ada, `document.querySelectorAll('#backup-codes li').length`); n != 0 || !eval[bool](ada, `document.getElementById('tf-backup').hidden`) {
		t.Fatalf("%d backup codes shown before the first code is verified", n)
	}
	ada.shot("totp-setup")
	// The wizard on a phone: the key (grouped by four) wraps inside the
	// card, and axe-core finds nothing serious there either.
	ada.viewport(phoneWidth)
	ada.click("#tf-manual summary")
	ada.visible("#totp-secret")
	if key := eval[string](ada, `document.getElementById('totp-secret').textContent`); !regexp.MustCompile(`^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$`).MatchString(key) {
		t.Errorf("key shown as %q, want groups of four", key)
	}
	ada.noHorizontalScroll("totp-setup")
	ada.axe("totp-setup-390")
	ada.shot("totp-setup-390")
	ada.viewport(desktopWidth)
	step := uint64(time.Now().Unix() / 30)
	ada.fill("#tf-code", totpCode(t, secret, step))
	ada.click("#tf-verify-btn")
	ada.waitFor("two-factor on", `document.getElementById('tf-status').textContent.startsWith('On')`)
	ada.visible("#tf-backup")
	backup := eval[[]string](ada, `[...document.querySelectorAll('#backup-codes li')].map(li => li.textContent)`)
	if len(backup) != 10 {
		t.Fatalf("backup codes shown = %d, want 10", len(backup))
	}
	if !eval[bool](ada, `document.getElementById('codes-done').disabled`) {
		t.Error("Done is enabled before the codes are acknowledged as saved")
	}
	ada.shot("totp-on")
	ada.axe("backup-codes")
	ada.click("#codes-saved")
	ada.click("#codes-done")
	ada.waitFor("codes put away", `document.getElementById('tf-backup').hidden && document.querySelectorAll('#backup-codes li').length === 0`)

	// New backup codes need the password again and replace the old ones.
	ada.click("#tf-regen-btn")
	ada.waitFor("password asked", `document.getElementById('tf-manage-password-error').textContent !== '' && document.activeElement.id === 'tf-manage-password'`)
	ada.fill("#tf-manage-password", browserPassword)
	ada.click("#tf-regen-btn")
	ada.visible("#tf-backup")
	fresh := eval[[]string](ada, `[...document.querySelectorAll('#backup-codes li')].map(li => li.textContent)`)
	if len(fresh) != 10 || fresh[0] == backup[0] {
		t.Fatalf("regenerated codes = %q, want 10 new ones", fresh)
	}
	backup = fresh
	ada.click("#codes-saved")
	ada.click("#codes-done")
	ada.waitFor("new codes put away", `document.getElementById('tf-backup').hidden`)

	ada.click("#signout-btn")
	ada.waitPath("/ui/sign-in")
	ada.idle()
	ada.shot("sign-in")

	// Keyboard only: skip link, brand link, then the email field.
	ada.do(keys("\t\t\t"))
	if id := eval[string](ada, `document.activeElement.id`); id != "email" {
		t.Fatalf("third Tab focuses %q, want email", id)
	}
	if style := eval[string](ada, `getComputedStyle(document.activeElement).outlineStyle`); style == "none" {
		t.Errorf("focused input has no visible outline")
	}
	ada.do(keys("ada@example.com\t" + browserPassword + "\r"))
	ada.waitPath("/ui/two-factor")
	ada.idle()
	ada.shot("two-factor")
	// The enrolment used this step: the sign-in code must be a later one.
	ada.fill("#code", totpCode(t, secret, max(step+1, uint64(time.Now().Unix()/30))))
	ada.click("#trust")
	ada.click("#verify-btn")
	ada.waitPath("/ui/account")
	ada.idle()
	if who := eval[string](ada, `document.getElementById('whoami').textContent`); !strings.Contains(who, "ada@example.com") {
		t.Errorf("account page says %q", who)
	}
	ada.shot("account-after-2fa")

	ada.open("/ui/sign-in")
	ada.visible("#continue")
	if name := eval[string](ada, `document.getElementById('continue-name').textContent`); name != "Ada Lovelace" {
		t.Errorf("Continue as %q, want Ada Lovelace", name)
	}
	ada.shot("continue-as")

	// This device is trusted now: the next sign-in skips the second factor.
	ada.click("#switch-btn")
	ada.waitFor("signed out", `document.getElementById('continue').hidden`)
	ada.fill("#email", "ada@example.com")
	ada.fill("#password", browserPassword)
	ada.click("#signin-btn")
	ada.waitPath("/ui/account")

	// Another device is not: a wrong code is refused next to the field,
	// then a backup code signs in.
	phone := b.person("ada-phone")
	phone.open("/ui/sign-in")
	phone.visible("#signin-form")
	phone.fill("#email", "ada@example.com")
	phone.fill("#password", browserPassword)
	phone.click("#signin-btn")
	phone.waitPath("/ui/two-factor")
	phone.click("#method-backup")
	phone.waitFor("backup label", `document.getElementById('code-label').textContent === 'Backup code'`)
	phone.fill("#code", "wrong-code1")
	phone.click("#verify-btn")
	phone.waitFor("error next to the code", `document.getElementById('code-error').textContent !== '' && document.getElementById('code').getAttribute('aria-invalid') === 'true' && document.activeElement.id === 'code'`)
	if n := phone.forgive("status of 401"); n != 1 {
		t.Errorf("wrong backup code: %d failed loads logged, want 1", n)
	}
	phone.shot("two-factor-wrong-code")
	phone.fill("#code", backup[0])
	phone.click("#verify-btn")
	phone.waitPath("/ui/account")
	phone.idle()
	phone.waitFor("two sessions", `document.querySelectorAll('#sessions tbody tr').length === 2`)
}

// TestBrowserFormErrors: mistakes are reported next to the field they
// concern, marked aria-invalid, and focus moves there.
func TestBrowserFormErrors(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t, srv.URL)
	kim := b.person("kim")

	kim.open("/ui/sign-up")
	kim.visible("#signup-form")
	kim.fill("#name", "Kim")
	kim.fill("#email", "kim@example.com")
	kim.fill("#password", "short")
	kim.waitFor("weak meter", `document.getElementById('strength').value === 0`)
	kim.click("#signup-btn")
	kim.waitFor("password error", `document.getElementById('password-error').textContent.includes('at least') && document.activeElement.id === 'password'`)
	kim.shot("sign-up-short-password")
	kim.fill("#password", browserPassword)
	kim.click("#signup-btn")
	kim.waitPath("/ui/account")
	kim.idle() // the page's own reads answered, so signing out does not refuse them
	kim.click("#signout-btn")
	kim.waitPath("/ui/sign-in")

	kim.open("/ui/sign-up")
	kim.visible("#signup-form")
	kim.fill("#name", "Kim again")
	kim.fill("#email", "kim@example.com")
	kim.fill("#password", browserPassword)
	kim.click("#signup-btn")
	kim.waitFor("email taken", `document.getElementById('email-error').textContent !== '' && document.getElementById('email').getAttribute('aria-invalid') === 'true'`)
	if n := kim.forgive("status of 422"); n != 1 {
		t.Errorf("taken email: %d failed loads logged, want 1", n)
	}
	kim.shot("sign-up-email-taken")

	kim.open("/ui/sign-in")
	kim.visible("#signin-form")
	kim.fill("#email", "kim@example.com")
	kim.fill("#password", "not the password")
	kim.click("#signin-btn")
	kim.waitFor("password error", `document.getElementById('password-error').textContent === 'That email and password do not match.' && document.activeElement.id === 'password'`)
	if busy := eval[string](kim, `document.getElementById('signin-form').getAttribute('aria-busy')`); busy != "false" {
		t.Errorf("form aria-busy = %q after the answer, want false", busy)
	}
	if n := kim.forgive("status of 401"); n == 0 {
		t.Errorf("wrong password: no refused sign-in logged")
	}
	kim.shot("sign-in-wrong-password")

	// The error detector works, and the browser enforces the page's CSP:
	// an injected inline script is refused and reported.
	eval[bool](kim, `(() => { console.error('probe'); const s = document.createElement('script');
		s.textContent = 'window.injected = true'; document.body.append(s); return true; })()`)
	if eval[bool](kim, `window.injected === true`) {
		t.Error("an inline script ran despite the Content-Security-Policy")
	}
	reported := 0
	for deadline := time.Now().Add(browserStepTimeout); reported == 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		reported = kim.forgive("Content Security Policy")
	}
	if reported == 0 {
		t.Error("the refused inline script was not reported as an error")
	}
	if n := kim.forgive("probe"); n != 1 {
		t.Errorf("console.error probe seen %d times, want 1", n)
	}
	if errs := kim.consoleErrors(); len(errs) != 0 {
		t.Errorf("unexpected errors: %q", errs)
	}
}

// TestBrowserRevokeSession: one person on two devices revokes the other
// device from the sessions list; that device is signed out.
func TestBrowserRevokeSession(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t, srv.URL)
	laptop, phone := b.person("laptop"), b.person("phone")

	signUpInBrowser(laptop, "Grace Hopper", "grace@example.com", "")
	laptop.click("#signup-btn")
	laptop.waitPath("/ui/account")

	phone.open("/ui/sign-in")
	phone.visible("#signin-form")
	phone.fill("#email", "grace@example.com")
	phone.fill("#password", browserPassword)
	phone.click("#signin-btn")
	phone.waitPath("/ui/account")

	laptop.open("/ui/account")
	laptop.idle()
	laptop.waitFor("two sessions", `document.querySelectorAll('#sessions tbody tr').length === 2`)
	laptop.shot("sessions")
	laptop.click("#sessions button.revoke")
	laptop.visible("#confirm-dialog")
	laptop.shot("revoke-confirm")
	laptop.click("#confirm-cancel")
	laptop.waitFor("dialog closed", `!document.getElementById('confirm-dialog').open`)
	if n := eval[int](laptop, `document.querySelectorAll('#sessions tbody tr').length`); n != 2 {
		t.Fatalf("cancelling the confirmation left %d sessions, want 2", n)
	}
	laptop.click("#sessions button.revoke")
	laptop.visible("#confirm-dialog")
	laptop.click("#confirm-ok")
	laptop.waitFor("one session", `document.querySelectorAll('#sessions tbody tr').length === 1 && !document.querySelector('#sessions button.revoke')`)
	laptop.shot("session-revoked")

	phone.open("/ui/account")
	phone.waitPath("/ui/sign-in")
	phone.idle()
	if eval[bool](phone, `!document.getElementById('continue').hidden`) {
		t.Error("the revoked device still sees a session")
	}
}
