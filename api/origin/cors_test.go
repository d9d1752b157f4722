package origin

import (
	"net/url"
	"strings"
	"testing"
)

// TestAllowsCORS: only serialized trusted origins (exact or by a wildcard
// pattern) are allowed; null, paths, look-alikes and other schemes are not.
func TestAllowsCORS(t *testing.T) {
	c, err := New(base, "https://app.example.com", "https://*.example.org")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		origin string
		want   bool
	}{
		{"https://app.example.com", true},
		{"HTTPS://APP.EXAMPLE.COM", true},
		{"https://app.example.com:443", true},
		{"http://127.0.0.1:3007", true}, // the base URL's own origin
		{"https://a.example.org", true},
		{"https://a.b.example.org", true},
		{"https://example.org", false},
		{"http://a.example.org", false},
		{"http://app.example.com", false},
		{"https://app.example.com:8443", false},
		{"https://app.example.com.evil.test", false},
		{"https://evil.test", false},
		{"https://app.example.com/", false},
		{"https://app.example.com/path", false},
		{"https://app.example.com?x", false},
		{"https://user@app.example.com", false},
		{"null", false},
		{"", false},
		{"*", false},
		{"app.example.com", false},
		{"file://", false},
		{"chrome-extension://abc", false},
		{"https://app.example.com\r\nX: y", false},
	}
	for _, tt := range tests {
		if got := c.AllowsCORS(tt.origin); got != tt.want {
			t.Errorf("AllowsCORS(%q) = %v, want %v", tt.origin, got, tt.want)
		}
	}
}

// FuzzAllowsCORS: an Origin header allowed for CORS is a plain
// "scheme://host[:port]" that Go's url package reads as a trusted origin,
// with nothing a response header could not carry.
func FuzzAllowsCORS(f *testing.F) {
	for _, s := range []string{"https://app.example.com", "null", "*", "https://app.example.com/", "https://a.example.org",
		"https://app.example.com\r\nX: y", "https://user@app.example.com", "HTTPS://APP.EXAMPLE.COM:443", "http://[::1]:80"} {
		f.Add(s)
	}
	c, err := New(base, "https://app.example.com", "https://*.example.org")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, header string) {
		if !c.AllowsCORS(header) {
			return
		}
		u, err := url.Parse(header)
		if err != nil || u.User != nil || u.Path != "" || u.RawQuery != "" || u.Fragment != "" || strings.ContainsAny(header, "\r\n\x00 *") {
			t.Fatalf("allowed %q, not a plain origin", header)
		}
		if o, ok := originOf(header); !ok || !c.trusted(o) {
			t.Fatalf("allowed %q whose origin %q is not trusted", header, o)
		}
	})
}
