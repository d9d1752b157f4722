package httpapi

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestCORS is checklist item 32 and the CORS contract: a trusted origin's
// preflight and actual requests get its exact origin with credentials
// allowed; an unlisted, "null" or look-alike origin gets no
// Access-Control-Allow-Origin; "*" never appears; every /api/auth answer
// varies on Origin; paths outside /api/auth carry no CORS headers.
func TestCORS(t *testing.T) {
	h := newHarness(t)
	cookie, _ := h.signUp("cors@example.com", "correct horse battery", "Cors")
	preflight := func(path, origin string) map[string]string {
		return map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST",
			"Access-Control-Request-Headers": "content-type"}
	}
	tests := []struct {
		name      string
		req       req
		status    int
		allow     string // expected Access-Control-Allow-Origin ("" = absent)
		preflight bool
		vary      bool
	}{
		{"preflight trusted", req{method: http.MethodOptions, path: "/api/auth/sign-in/email",
			headers: preflight("/sign-in/email", testOrigin)}, 204, testOrigin, true, true},
		{"preflight base origin", req{method: http.MethodOptions, path: "/api/auth/get-session",
			headers: preflight("/get-session", "http://127.0.0.1:8080")}, 204, "http://127.0.0.1:8080", true, true},
		{"preflight untrusted", req{method: http.MethodOptions, path: "/api/auth/sign-in/email",
			headers: preflight("/sign-in/email", "https://evil.example")}, 204, "", false, true},
		{"preflight null", req{method: http.MethodOptions, path: "/api/auth/sign-in/email",
			headers: preflight("/sign-in/email", "null")}, 204, "", false, true},
		{"preflight look-alike", req{method: http.MethodOptions, path: "/api/auth/sign-in/email",
			headers: preflight("/sign-in/email", testOrigin+".evil.example")}, 204, "", false, true},
		{"preflight other port", req{method: http.MethodOptions, path: "/api/auth/sign-in/email",
			headers: preflight("/sign-in/email", "http://127.0.0.1:3008")}, 204, "", false, true},
		{"get-session trusted", req{method: http.MethodGet, path: "/api/auth/get-session",
			headers: map[string]string{"Origin": testOrigin, "Cookie": cookie}}, 200, testOrigin, false, true},
		{"get-session untrusted", req{method: http.MethodGet, path: "/api/auth/get-session",
			headers: map[string]string{"Origin": "https://evil.example", "Cookie": cookie}}, 200, "", false, true},
		{"get-session no origin", req{method: http.MethodGet, path: "/api/auth/get-session",
			headers: map[string]string{"Cookie": cookie}}, 200, "", false, true},
		{"post trusted error", req{method: http.MethodPost, path: "/api/auth/sign-in/email",
			body: `{"email":"cors@example.com","password":"wrong password!"}`}, 401, testOrigin, false, true},
		{"post untrusted refused", req{method: http.MethodPost, path: "/api/auth/sign-out", body: `{}`,
			headers: map[string]string{"Origin": "https://evil.example", "Cookie": cookie}}, 403, "", false, true},
		{"healthz not CORS", req{method: http.MethodGet, path: "/healthz",
			headers: map[string]string{"Origin": testOrigin}}, 200, "", false, false},
		{"v1 not CORS", req{method: http.MethodOptions, path: "/v1/keys",
			headers: preflight("/v1/keys", testOrigin)}, 0, "", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.do(tt.req)
			if tt.status != 0 && r.status != tt.status {
				t.Fatalf("status %d, want %d: %s", r.status, tt.status, r.body)
			}
			hd := r.header
			if got := hd.Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.allow)
			}
			if got, want := hd.Get("Access-Control-Allow-Credentials"), map[bool]string{true: "true"}[tt.allow != ""]; got != want {
				t.Errorf("Access-Control-Allow-Credentials %q, want %q", got, want)
			}
			for k, vs := range hd {
				if strings.HasPrefix(k, "Access-Control-") && slices.Contains(vs, "*") {
					t.Errorf("%s: * is never sent", k)
				}
			}
			if got := slices.Contains(varies(hd), "Origin"); got != tt.vary {
				t.Errorf("Vary %q, want Origin: %v", hd.Values("Vary"), tt.vary)
			}
			methods, headers := hd.Get("Access-Control-Allow-Methods"), hd.Get("Access-Control-Allow-Headers")
			if tt.preflight {
				if !strings.Contains(methods, "POST") || !strings.Contains(strings.ToLower(headers), "content-type") {
					t.Errorf("preflight allows methods %q, headers %q", methods, headers)
				}
				if hd.Get("Access-Control-Max-Age") == "" {
					t.Error("preflight has no Access-Control-Max-Age")
				}
			} else if methods != "" || headers != "" {
				t.Errorf("non-allowed or actual request allows methods %q, headers %q", methods, headers)
			}
		})
	}
}

// varies splits every Vary header into its field names.
func varies(h http.Header) []string {
	var out []string
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			out = append(out, strings.TrimSpace(f))
		}
	}
	return out
}
