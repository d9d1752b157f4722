package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzPasskeyBodies throws arbitrary bodies at every passkey POST route
// with a session and a live challenge cookie (registration and sign-in):
// the answer is never a 5xx, and never a session.
func FuzzPasskeyBodies(f *testing.F) {
	for _, s := range []string{`{}`, `{"response":{}}`, `{"response":null}`, `{"response":"x"}`, `{"id":"x","name":"y"}`,
		`{"response":{"id":"AA","rawId":"AA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"","signature":""}}}`,
		`{"response":{"id":"AA","rawId":"AA","type":"public-key","response":{"clientDataJSON":"e30","attestationObject":"oA"}}}`,
		`{"id":"` + strings.Repeat("9", 300) + `","name":"\u0000"}`, `null`, `[`, "{\"name\":\"\xff\"}", `{"id":"1","id":"2"}`} {
		f.Add(s)
	}
	h := newHarness(f, withPasskeyRP)
	session, _, _ := h.registered("fuzz@example.com")
	_, regCookie := h.registerOptions(session)
	_, authCookie := h.authOptions()
	handler := h.srv.Handler()
	f.Fuzz(func(t *testing.T, body string) {
		for _, c := range []string{session + "; " + regCookie, authCookie} {
			for _, rt := range h.passkeyRoutes() {
				if rt.Method != http.MethodPost {
					continue
				}
				r := httptest.NewRequest(http.MethodPost, "/api/auth"+rt.Path, strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Origin", testOrigin)
				r.Header.Set("Cookie", c)
				w := httptest.NewRecorder()
				handler.ServeHTTP(w, r)
				if w.Code >= 500 {
					t.Fatalf("%s: %d %s", rt.Path, w.Code, w.Body)
				}
				if rt.Path == "/passkey/verify-authentication" && w.Code == 200 {
					t.Fatalf("a fuzzed assertion signed in: %s", body)
				}
			}
		}
	})
}
