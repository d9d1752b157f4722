package main

import (
	"fmt"
	"testing"

	"github.com/authledger/authledger/domain/password"
)

// TestBrowserMeterMatchesServer: the sign-up page's strength meter shows
// the server's own estimate (password.Strength, the zxcvbn estimate the
// sign-up policy applies), not a count of character classes: "Password1!"
// is weak however many classes it mixes, a passphrase of plain words is
// strong, and a password the policy refuses says so before submitting.
func TestBrowserMeterMatchesServer(t *testing.T) {
	srv := startServer(t, t.TempDir())
	b := newBrowser(t, srv.URL)
	lee := b.person("lee")
	lee.open("/ui/sign-up")
	lee.visible("#signup-form")
	lee.fill("#name", "Lee")
	lee.fill("#email", "lee@example.com")
	// consecutive passwords differ in score, so each wait sees a new answer.
	for _, pw := range []string{"Password1!", "correct horse battery staple", "P@ssw0rd2024!", "Xk9#mQ2$vLp", "password123456",
		"quietly orange paddle harbor"} {
		want := password.Strength(pw, "lee@example.com", "Lee").Score
		lee.fill("#password", pw)
		lee.waitFor(fmt.Sprintf("meter for %q at %d", pw, want),
			fmt.Sprintf(`document.getElementById('strength').dataset.score === '%d' && document.getElementById('strength').value === %d`, want, want))
		refused := password.DefaultPolicy().Check(pw, "lee@example.com", "Lee") != nil
		if text := eval[string](lee, `document.getElementById('strength-text').textContent`); refused != (len(text) > 0 && text != fmt.Sprintf("Strength: %s.", meterLabels[want])) {
			t.Errorf("%q: text %q, policy refuses: %v", pw, text, refused)
		}
	}
	if errs := lee.consoleErrors(); len(errs) > 0 {
		t.Errorf("console: %v", errs)
	}
}

// meterLabels are the sign-up page's words for the scores 0..4.
var meterLabels = []string{"Too weak", "Weak", "Fair", "Good", "Strong"}
