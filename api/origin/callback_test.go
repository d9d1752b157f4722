package origin

import (
	"errors"
	"testing"
)

// TestCheckCallbackURLRejects: foreign hosts, other schemes, protocol-relative
// and backslash tricks, credentials and control characters are refused.
func TestCheckCallbackURLRejects(t *testing.T) {
	c, err := New(base, "https://trusted.test")
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{
		"https://evil.test", "//evil.test", "/\\evil.test", "\\\\evil.test", "https:evil.test", "https:/evil.test",
		"https://trusted.test@evil.test", "https://user@trusted.test", "https://trusted.test.evil.test",
		"https://trusted.test.", "https://evil.test/https://trusted.test", "https://evil.example/cb",
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x",
		"%2F%2Fevil.test", "/%2F/evil.test", "/%2fevil.test", "/%5cevil.test", "/\t/evil.test", "/\n/evil.test",
		"https://trusted.test\t.evil.test", "ht\ttps://trusted.test", " /ok", "/ok ", "https://trusted.test:99999",
		"https://trusted.test:0", "https://%74rusted.test", "https://trüsted.test", "https://trusted.test\u0085/",
		"http://127.0.0.1:3008/", "https://127.0.0.1:3007", "evil.test", "dashboard", "?next=//evil.test", "#frag",
		"/ok\r\nSet-Cookie:x=y", "/ok%0d%0aSet-Cookie:x=y", "/ok%0D%0ASet-Cookie:x=y", "/ok%00", "/ok%7f",
		"https://trusted.test/ok%0d%0aX:y", "/ok\x00", "/ok\xff", "https://[::1]:3007", "/%", "/%zz", "/a%2",
	} {
		if err := c.CheckCallbackURL(raw); !errors.Is(err, ErrInvalidCallbackURL) {
			t.Errorf("CheckCallbackURL(%q) = %v, want INVALID_CALLBACK_URL", raw, err)
		}
	}
}

func TestCheckCallbackURLAccepts(t *testing.T) {
	c, err := New(base, "https://trusted.test")
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{
		"", "/", "/reset", "/dashboard?tab=1&next=%2Fx", "/a/b#c//d", "/café", "/a%20b", "/a?redirect=//x",
		"http://127.0.0.1:3007", "http://127.0.0.1:3007/reset?token=x", "https://trusted.test/cb",
		"HTTPS://TRUSTED.TEST:443/cb", "https://trusted.test:443",
	} {
		if err := c.CheckCallbackURL(raw); err != nil {
			t.Errorf("CheckCallbackURL(%q) = %v, want nil", raw, err)
		}
	}
}

func TestCheckURLFieldCodes(t *testing.T) {
	c, err := New(base)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field string
		want  error
	}{
		{"callbackURL", ErrInvalidCallbackURL},
		{"redirectTo", ErrInvalidRedirectURL},
		{"errorCallbackURL", ErrInvalidErrorCallbackURL},
		{"newUserCallbackURL", ErrInvalidNewUserCallbackURL},
	}
	for _, tt := range tests {
		if err := c.CheckURL(tt.field, "https://evil.test"); !errors.Is(err, tt.want) {
			t.Errorf("CheckURL(%s) = %v, want %v", tt.field, err, tt.want)
		}
		if err := c.CheckURL(tt.field, "/ok"); err != nil {
			t.Errorf("CheckURL(%s, /ok) = %v", tt.field, err)
		}
	}
}
