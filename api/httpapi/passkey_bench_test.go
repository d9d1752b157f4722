package httpapi

import "testing"

// BenchmarkPasskeySignIn measures a whole discoverable sign-in over HTTP:
// authenticate options, then verify-authentication (claim lookup, stream
// load, ES256 check, one append with the session and the challenge claim).
func BenchmarkPasskeySignIn(b *testing.B) {
	h := newHarness(b, withPasskeyRP, func(c *Config) { c.RateLimit = false })
	_, _, d := h.registered("bench@example.com")
	for b.Loop() {
		lo, lch := h.authOptions()
		if r := h.verifyAuthentication(lch, d.assert(goodRP, lo)); r.status != 200 {
			b.Fatalf("verify-authentication: %d %s", r.status, r.body)
		}
	}
}
