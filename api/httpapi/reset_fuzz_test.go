package httpapi

import "testing"

// TestResetRateLimited: /request-password-reset allows 3 per 60 s.
func TestResetRateLimited(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.RateLimit = true })
	var got []int
	for range 4 {
		got = append(got, h.post("/request-password-reset", `{"email":"ghost@example.com"}`, nil).status)
	}
	if got[2] != 200 || got[3] != 429 {
		t.Errorf("got statuses %v, want the 4th to be 429", got)
	}
}
