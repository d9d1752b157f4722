package origin

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

const base = "http://127.0.0.1:3007"

func checker(t *testing.T) Checker {
	t.Helper()
	c, err := New(base+"/api/auth", "https://app.example.com", "*.trusted.test")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCheckRequest follows Better Auth's origin rules and what its client
// sends: trusted origins, the Referer fallback, refused null origins and
// cross-site navigations to sign-in.
func TestCheckRequest(t *testing.T) {
	c := checker(t)
	tests := []struct {
		name       string
		method     string
		headers    map[string]string
		hasCookie  bool
		signInOrUp bool
		want       error
	}{
		{"cookie + foreign Origin", "POST", map[string]string{"Origin": "https://evil.example"}, true, false, ErrInvalidOrigin},
		{"cookie + no Origin or Referer", "POST", nil, true, false, ErrMissingOrNullOrigin},
		{"cookie + Origin null", "POST", map[string]string{"Origin": "null"}, true, false, ErrMissingOrNullOrigin},
		{"cookie + trusted Referer only", "POST", map[string]string{"Referer": "http://127.0.0.1:3007/settings"}, true, false, nil},
		{"cookie + foreign Referer only", "POST", map[string]string{"Referer": "https://evil.example/x"}, true, false, ErrInvalidOrigin},
		{"cookie + trusted Origin", "POST", map[string]string{"Origin": base}, true, false, nil},
		{"cookie + trusted Origin, foreign Referer", "POST", map[string]string{"Origin": base, "Referer": "https://evil.example/"}, true, false, nil},
		{"cookie + foreign Origin, trusted Referer", "POST", map[string]string{"Origin": "https://evil.example", "Referer": base + "/"}, true, false, ErrInvalidOrigin},
		{"cookie + Origin upper-case default port", "POST", map[string]string{"Origin": "HTTPS://APP.EXAMPLE.COM:443"}, true, false, nil},
		{"cookie + wildcard subdomain", "POST", map[string]string{"Origin": "https://a.b.trusted.test"}, true, false, nil},
		{"cookie + wildcard apex is not a subdomain", "POST", map[string]string{"Origin": "https://trusted.test"}, true, false, ErrInvalidOrigin},
		{"cookie + look-alike suffix", "POST", map[string]string{"Origin": "https://eviltrusted.test"}, true, false, ErrInvalidOrigin},
		{"cookie + base origin on another port", "POST", map[string]string{"Origin": "http://127.0.0.1:3008"}, true, false, ErrInvalidOrigin},
		{"cookie + base origin over https", "POST", map[string]string{"Origin": "https://127.0.0.1:3007"}, true, false, ErrInvalidOrigin},
		{"cookie + garbage Origin", "POST", map[string]string{"Origin": "not a url"}, true, false, ErrInvalidOrigin},
		{"cookie + null Origin same-origin fetch", "POST", map[string]string{"Origin": "null", "Sec-Fetch-Site": "same-origin"}, true, false, nil},
		{"cookie + DELETE foreign Origin", "DELETE", map[string]string{"Origin": "https://evil.example"}, true, false, ErrInvalidOrigin},
		{"bearer, no cookie, foreign Origin", "POST", map[string]string{"Origin": "https://evil.example", "Authorization": "Bearer x"}, false, false, nil},
		{"GET with cookie and foreign Origin", "GET", map[string]string{"Origin": "https://evil.example"}, true, false, nil},
		{"HEAD with cookie and no Origin", "HEAD", nil, true, false, nil},
		{"OPTIONS preflight", "OPTIONS", map[string]string{"Origin": "https://evil.example"}, true, true, nil},
		{"sign-in foreign Origin, no cookie", "POST", map[string]string{"Origin": "https://evil.example"}, false, true, ErrInvalidOrigin},
		{"sign-in trusted Origin, no cookie", "POST", map[string]string{"Origin": base}, false, true, nil},
		{"sign-in cross-site navigation", "POST", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Sec-Fetch-Dest": "document"}, false, true, ErrCrossSiteNavigation},
		{"sign-in cross-site navigation with trusted Origin", "POST", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate", "Origin": base}, false, true, ErrCrossSiteNavigation},
		{"sign-in Sec-Fetch-* without Origin", "POST", map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}, false, true, ErrMissingOrNullOrigin},
		{"sign-in Sec-Fetch-Dest only without Origin", "POST", map[string]string{"Sec-Fetch-Dest": "empty"}, false, true, ErrMissingOrNullOrigin},
		{"sign-in Sec-Fetch-* with trusted Origin", "POST", map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors", "Origin": base}, false, true, nil},
		{"sign-in cross-site cors with foreign Origin", "POST", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors", "Origin": "https://evil.example"}, false, true, ErrInvalidOrigin},
		{"sign-in no headers at all (curl)", "POST", nil, false, true, nil},
		{"sign-in foreign Referer only", "POST", map[string]string{"Referer": "https://evil.example/login"}, false, true, ErrInvalidOrigin},
		{"sign-in with a cookie is the cookie rule", "POST", nil, true, true, ErrMissingOrNullOrigin},
		{"other route, no cookie, Sec-Fetch cross-site", "POST", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}, false, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/api/auth/update-user", nil)
			for k, v := range tt.headers {
				r.Header.Set(k, v)
			}
			err := c.CheckRequest(r, tt.hasCookie, tt.signInOrUp)
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("CheckRequest = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestErrorMessagesMatchBetterAuth(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{ // Better Auth's recorded answers and @better-auth/core error codes
		{ErrInvalidOrigin, "INVALID_ORIGIN: Invalid origin"},
		{ErrMissingOrNullOrigin, "MISSING_OR_NULL_ORIGIN: Missing or null Origin"},
		{ErrCrossSiteNavigation, "CROSS_SITE_NAVIGATION_LOGIN_BLOCKED: Cross-site navigation login blocked. This request appears to be a CSRF attack."},
		{ErrInvalidCallbackURL, "INVALID_CALLBACK_URL: Invalid callbackURL"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("error = %q, want %q", got, tt.want)
		}
	}
}

func TestNew(t *testing.T) {
	c, err := New("HTTP://LOCALHOST:80/api/auth", "https://App.Example.com:443/some/path/", "http://[::1]:3000", "HTTPS://*.Example.org:8443")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"http://localhost", "https://app.example.com", "http://[::1]:3000", "https://*.example.org:8443"}
	if len(c.Trusted) != len(want) {
		t.Fatalf("Trusted = %q, want %q", c.Trusted, want)
	}
	for i := range want {
		if c.Trusted[i] != want[i] {
			t.Errorf("Trusted[%d] = %q, want %q", i, c.Trusted[i], want[i])
		}
	}
	for _, bad := range [][]string{{"ftp://x"}, {base, "myapp://cb"}, {base, "https://a.*.example.com"}, {base, "*"}, {"/relative"}} {
		if _, err := New(bad[0], bad[1:]...); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("Origin", "https://a.example.org:8443")
	if err := c.CheckRequest(r, true, false); err != nil {
		t.Errorf("wildcard with port refused: %v", err)
	}
	r.Header.Set("Origin", "https://a.example.org")
	if err := c.CheckRequest(r, true, false); !errors.Is(err, ErrInvalidOrigin) {
		t.Errorf("wildcard on another port = %v, want INVALID_ORIGIN", err)
	}
}
