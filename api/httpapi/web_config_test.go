package httpapi

import (
	"net/http"
	"strings"
	"testing"
)

func TestWebBranding(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Web = WebConfig{BrandName: "Acme <ID>", PrimaryColor: "#aa0011", BackgroundColor: "#fff", RedirectAfterSignIn: "/app/home"}
	})
	page := string(h.do(req{method: http.MethodGet, path: "/ui/sign-in"}).body)
	for _, want := range []string{"Acme &lt;ID&gt;", `data-redirect="/app/home"`} {
		if !strings.Contains(page, want) {
			t.Errorf("sign-in page lacks %q", want)
		}
	}
	theme := string(h.do(req{method: http.MethodGet, path: "/ui/theme.css"}).body)
	for _, want := range []string{"--primary:#aa0011;", "--bg:#fff}", "prefers-color-scheme: dark"} {
		if !strings.Contains(theme, want) {
			t.Errorf("theme = %q, want it to contain %q", theme, want)
		}
	}
}

func TestWebConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		cfg     WebConfig
		wantErr bool
	}{
		{"zero", WebConfig{}, false},
		{"all set", WebConfig{BrandName: "Acme", PrimaryColor: "#123", BackgroundColor: "#abcdef", RedirectAfterSignIn: "/x?y=1"}, false},
		{"css injection", WebConfig{PrimaryColor: "red;}body{display:none"}, true},
		{"named colour", WebConfig{BackgroundColor: "white"}, true},
		{"absolute redirect", WebConfig{RedirectAfterSignIn: "https://evil.test"}, true},
		{"scheme-relative redirect", WebConfig{RedirectAfterSignIn: "//evil.test"}, true},
		{"backslash redirect", WebConfig{RedirectAfterSignIn: "/\\evil.test"}, true},
		{"long brand", WebConfig{BrandName: strings.Repeat("x", 65)}, true},
		{"unreadable button text", WebConfig{PrimaryColor: "#ffcc00"}, true},
		{"unreadable body text", WebConfig{BackgroundColor: "#333"}, true},
	}
	for _, tt := range tests {
		if err := tt.cfg.Validate(); (err != nil) != tt.wantErr {
			t.Errorf("%s: Validate() = %v, want error %v", tt.name, err, tt.wantErr)
		}
	}
}

// TestWebInvalidConfigFallsBack: a bad setting never yields a broken page.
func TestWebInvalidConfigFallsBack(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Web = WebConfig{PrimaryColor: "red;}", BrandName: "Acme"} })
	theme := string(h.do(req{method: http.MethodGet, path: "/ui/theme.css"}).body)
	if strings.Contains(theme, "red") || !strings.Contains(theme, "#3b5bdb") {
		t.Errorf("theme = %q, want the default colours", theme)
	}
}
