package httpapi

import (
	"fmt"
	"net/netip"
	"testing"
)

// TestForwardedForOnlyFromTrustedProxies: the client address recorded in
// the session and in the audit metadata of a sign-up is the
// X-Forwarded-For address only when the peer (127.0.0.1 here) is a listed
// proxy; from any other peer the header is ignored.
func TestForwardedForOnlyFromTrustedProxies(t *testing.T) {
	tests := []struct {
		name    string
		proxies []string
		xff     string
		want    string
	}{
		{"no proxies: header ignored", nil, "203.0.113.9", "127.0.0.1"},
		{"peer not listed: header ignored", []string{"10.0.0.0/8"}, "203.0.113.9", "127.0.0.1"},
		{"listed proxy: header believed", []string{"127.0.0.1/32"}, "203.0.113.9", "203.0.113.9"},
		{"listed proxy: right-most untrusted hop", []string{"127.0.0.1/32"}, "198.51.100.1, 203.0.113.9", "203.0.113.9"},
		{"listed proxies chain", []string{"127.0.0.1/32", "10.0.0.0/8"}, "203.0.113.9, 10.1.2.3", "203.0.113.9"},
		{"listed proxy: garbage hop", []string{"127.0.0.1/32"}, "not-an-ip", "127.0.0.1"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var prefixes []netip.Prefix
			for _, p := range tt.proxies {
				prefixes = append(prefixes, netip.MustParsePrefix(p))
			}
			h := newHarness(t, func(c *Config) { c.TrustedProxies = prefixes })
			email := fmt.Sprintf("proxy%d@example.com", i)
			r := h.post("/sign-up/email", `{"email":"`+email+`","password":"correct horse 1","name":"P"}`,
				map[string]string{"X-Forwarded-For": tt.xff})
			if r.status != 200 {
				t.Fatalf("sign-up: %d %s", r.status, r.body)
			}
			g := h.get("/get-session", withCookie(cookieHeader(r))).json(t)
			sess, _ := g["session"].(map[string]any)
			if got := sess["ipAddress"]; got != tt.want {
				t.Errorf("session ipAddress = %v, want %s", got, tt.want)
			}
			_, metas := h.recordsOf("")
			seen := 0
			for _, m := range metas {
				if m.IP == "" {
					continue
				}
				seen++
				if m.IP != tt.want {
					t.Errorf("audit metadata IP = %s, want %s", m.IP, tt.want)
				}
			}
			if seen == 0 {
				t.Error("no event recorded the client address")
			}
		})
	}
}
