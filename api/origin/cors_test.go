package origin

import "testing"

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
