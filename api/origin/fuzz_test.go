package origin

import (
	"net/url"
	"strings"
	"testing"
)

// FuzzCheckCallbackURL: an accepted absolute URL's origin, as Go's url
// package reads it, is trusted; an accepted relative one resolves onto the
// base origin; nothing accepted holds a control character or backslash.
func FuzzCheckCallbackURL(f *testing.F) {
	for _, s := range []string{
		"/reset", "//evil.test", "/\\evil.test", "https:evil.test", "https://trusted.test@evil.test",
		"https://trusted.test.evil.test", "javascript:alert(1)", "%2F%2Fevil.test", "/\t/evil.test",
		"http://127.0.0.1:3007/x", "https://trusted.test:443/a?b#c", "/ok%0d%0aSet-Cookie:x=y", "https://[::1]/",
	} {
		f.Add(s)
	}
	c, err := New(base, "https://trusted.test", "*.wild.test")
	if err != nil {
		f.Fatal(err)
	}
	baseURL, _ := url.Parse(base + "/api/auth/reset-password/tok")
	f.Fuzz(func(t *testing.T, raw string) {
		if c.CheckCallbackURL(raw) != nil || raw == "" {
			return
		}
		if strings.ContainsAny(raw, "\r\n\t\x00\\") {
			t.Fatalf("accepted %q with a control character or backslash", raw)
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("accepted %q that Go cannot parse: %v", raw, err)
		}
		if u.IsAbs() {
			got := strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
			if n, ok := originOf(got); !ok || !c.trusted(n) || u.User != nil {
				t.Fatalf("accepted %q whose origin %q is not trusted", raw, got)
			}
			return
		}
		res := baseURL.ResolveReference(u)
		if res.Scheme != baseURL.Scheme || res.Host != baseURL.Host {
			t.Fatalf("relative %q resolves off-site to %q", raw, res)
		}
	})
}
