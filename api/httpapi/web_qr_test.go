package httpapi

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
)

func TestWebQR(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("qr@example.com", "correct horse battery", "Q")
	uri := "otpauth://totp/authledger:qr@example.com?secret=JBSWY3DPEHPK3PXP&issuer=authledger"
	tests := []struct {
		name       string
		body       string
		headers    map[string]string
		wantStatus int
	}{
		{"ok", `{"uri":"` + uri + `"}`, withCookie(cookie), 200},
		{"no session", `{"uri":"` + uri + `"}`, nil, 401},
		{"foreign origin", `{"uri":"` + uri + `"}`, map[string]string{"Cookie": cookie, "Origin": "https://evil.test"}, 403},
		{"not otpauth", `{"uri":"https://evil.test"}`, withCookie(cookie), 400},
		{"too long", `{"uri":"otpauth://` + strings.Repeat("a", 600) + `"}`, withCookie(cookie), 400},
		{"missing uri", `{}`, withCookie(cookie), 400},
		{"unknown key", `{"uri":"` + uri + `","x":1}`, withCookie(cookie), 400},
	}
	for _, tt := range tests {
		r := h.do(req{method: http.MethodPost, path: "/ui/qr", body: tt.body, headers: tt.headers})
		if r.status != tt.wantStatus {
			t.Errorf("%s: status = %d %s, want %d", tt.name, r.status, r.body, tt.wantStatus)
			continue
		}
		if tt.wantStatus != 200 {
			continue
		}
		src, _ := r.json(t)["src"].(string)
		raw, ok := strings.CutPrefix(src, "data:image/svg+xml;base64,")
		if !ok {
			t.Fatalf("src = %.40q, want an SVG data URL", src)
		}
		svg, err := base64.StdEncoding.DecodeString(raw)
		if err != nil || !strings.HasPrefix(string(svg), "<svg") || strings.Contains(string(svg), "JBSWY3DP") {
			t.Errorf("svg = %.60q (%v): want an image that does not spell the secret", svg, err)
		}
	}
}
