package maillink

import (
	"net/url"
	"testing"

	"github.com/authledger/authledger/api/origin"
)

// FuzzWithParamRedirect fuzzes the redirect built by an emailed link:
// for any callbackURL the server's origin checker accepts, the Location
// stays on the base URL or the callback's own trusted origin and carries
// the parameter.
func FuzzWithParamRedirect(f *testing.F) {
	for _, s := range []string{"/reset", "/reset?x=1#frag", "http://127.0.0.1:3007/r", "//evil.test", "/\\evil.test", "/a%0d%0a", "http://127.0.0.1:3007@evil.test/"} {
		f.Add(s)
	}
	checker, err := origin.New("http://127.0.0.1:8080", "http://127.0.0.1:3007")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if checker.CheckCallbackURL(raw) != nil {
			return
		}
		out := WithParam("http://127.0.0.1:8080", raw, "token", "tok")
		u, err := url.Parse(out)
		if err != nil {
			t.Fatalf("WithParam(%q) = %q: %v", raw, out, err)
		}
		if u.Host != "127.0.0.1:8080" && u.Host != "127.0.0.1:3007" {
			t.Fatalf("WithParam(%q) = %q: host %q", raw, out, u.Host)
		}
		if u.Query().Get("token") != "tok" {
			t.Fatalf("WithParam(%q) = %q: no token", raw, out)
		}
	})
}
