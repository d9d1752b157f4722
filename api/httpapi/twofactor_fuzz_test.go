package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzTwoFactorBodies throws arbitrary bodies at every two-factor route,
// with a session cookie and with a pending two_factor cookie: the answer
// is never a 5xx.
func FuzzTwoFactorBodies(f *testing.F) {
	for _, s := range []string{`{}`, `{"password":"correct horse 3"}`, `{"password":"x","issuer":"\u0000"}`,
		`{"password":"correct horse 3","method":"otp"}`, `{"code":"123456","trustDevice":true}`, `{"code":123456}`,
		`{"code":"aaaaa-bbbbb","disableSession":false}`, `{"code":"` + strings.Repeat("9", 100) + `"}`, `null`, `[`,
		"{\"code\":\"\xff\"}", `{"code":"1","code":"2"}`} {
		f.Add(s)
	}
	h := newHarness(f)
	_, _, cookie := h.enrolled("fuzz@example.com")
	pending := h.challenge("fuzz@example.com")
	handler := h.srv.Handler()
	var routes []route
	for _, rt := range h.srv.allAuthRoutes() {
		if strings.HasPrefix(rt.Path, "/two-factor/") {
			routes = append(routes, rt)
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, c := range []string{cookie, pending} {
			for _, rt := range routes {
				r := httptest.NewRequest(http.MethodPost, "/api/auth"+rt.Path, strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Origin", testOrigin)
				r.Header.Set("Cookie", c)
				w := httptest.NewRecorder()
				handler.ServeHTTP(w, r)
				if w.Code >= 500 {
					t.Fatalf("%s: %d %s", rt.Path, w.Code, w.Body)
				}
			}
		}
	})
}
