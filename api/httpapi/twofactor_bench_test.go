package httpapi

import (
	"testing"
	"time"
)

// BenchmarkTwoFactorSignIn measures a whole 2FA sign-in on the in-memory
// store: password step (cheap test hash parameters) + verify-totp, which
// appends the accepted code and the new session in one append.
func BenchmarkTwoFactorSignIn(b *testing.B) {
	h := newHarness(b)
	secret, _, _ := h.enrolled("bench@example.com")
	for b.Loop() {
		h.clock.Advance(30 * time.Second)
		r := h.verify("verify-totp", h.challenge("bench@example.com"), codeAt(b, secret, h.clock.Now()), false)
		if r.status != 200 {
			b.Fatalf("verify-totp: %d %s", r.status, r.body)
		}
	}
}
