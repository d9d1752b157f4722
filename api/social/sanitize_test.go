package social_test

import (
	"strings"
	"testing"
)

// TestProviderNameAndPictureSanitized: a provider's display name and
// picture are untrusted: bidi controls and control characters are dropped
// from the name (a blank one falls back to the email's local part) and a
// picture that is not a plain http(s) URL is not stored — the sign-in
// itself succeeds.
func TestProviderNameAndPictureSanitized(t *testing.T) {
	tests := []struct {
		name, picture string
		wantName      string
		wantImage     string
	}{
		{"Ada\u202e fdp.exe\u0007", "javascript:alert(1)", "Ada fdp.exe", ""},
		{"\u202e \u200f", "https://example.com/" + strings.Repeat("a", 100<<10), "ada", ""},
		{"  Ada   Lovelace ", "https://example.com/ada.png", "Ada Lovelace", "https://example.com/ada.png"},
	}
	for i, tt := range tests {
		e := newEnv(t)
		claims := ada("sub-"+tt.wantName, true)
		claims["name"], claims["picture"] = tt.name, tt.picture
		res := e.round("op", claims)
		if res.Error != "" || res.Token == "" {
			t.Fatalf("%d: sign-in = %+v", i, res)
		}
		u, _ := e.sess.User(res.PersonID)
		if u.Name != tt.wantName || u.Image != tt.wantImage {
			t.Errorf("%d: user name %q image %.40q, want %q %q", i, u.Name, u.Image, tt.wantName, tt.wantImage)
		}
	}
}
