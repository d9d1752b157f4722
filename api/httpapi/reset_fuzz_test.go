package httpapi

import (
	"net/url"
	"testing"
)

// FuzzResetCallback fuzzes the redirect built by the emailed link: for any
// callbackURL the origin checker accepts, the Location stays on the base
// URL or the callback's own trusted origin and carries the parameter.
func FuzzResetCallback(f *testing.F) {
	for _, s := range []string{"/reset", "/reset?x=1#frag", "http://127.0.0.1:3007/r", "//evil.test", "/\\evil.test", "/a%0d%0a", "http://127.0.0.1:3007@evil.test/"} {
		f.Add(s)
	}
	h := newHarness(f)
	f.Fuzz(func(t *testing.T, raw string) {
		if h.srv.origins.CheckCallbackURL(raw) != nil {
			return
		}
		out := h.srv.withParam(raw, "token", "tok")
		u, err := url.Parse(out)
		if err != nil {
			t.Fatalf("withParam(%q) = %q: %v", raw, out, err)
		}
		if u.Host != "127.0.0.1:8080" && u.Host != "127.0.0.1:3007" {
			t.Fatalf("withParam(%q) = %q: host %q", raw, out, u.Host)
		}
		if u.Query().Get("token") != "tok" {
			t.Fatalf("withParam(%q) = %q: no token", raw, out)
		}
	})
}

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
