package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzAuthBodies throws arbitrary bodies at every JSON route: the answer
// is never a 5xx, whatever the bytes (bad input is a 4xx with a code, never a 5xx).
func FuzzAuthBodies(f *testing.F) {
	for _, s := range []string{`{}`, `{"email":"a@b.co","password":"correct horse 1","name":"A"}`,
		`{"email":["x"]}`, `{"email":"a@b.co","EMAIL":"b@b.co"}`, "{\"password\":\"p\xffw\"}", `[[[[[[`,
		`{"token":"` + strings.Repeat("a", 43) + `"}`, `{"name":null,"image":{}}`, `{"currentPassword":1}`, `null`, `"str"`} {
		f.Add(s)
	}
	h := newHarness(f)
	cookie, _ := h.signUp("fuzz@example.com", "correct horse 1", "Fuzz")
	handler := h.srv.Handler()
	var posts []string
	for _, r := range h.srv.allAuthRoutes() {
		if r.Method == http.MethodPost {
			posts = append(posts, r.Path)
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, p := range posts {
			r := httptest.NewRequest(http.MethodPost, "/api/auth"+p, strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Origin", testOrigin)
			if p != "/sign-up/email" && p != "/sign-in/email" {
				r.Header.Set("Cookie", cookie)
			}
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, r)
			if w.Code >= 500 {
				t.Fatalf("%s: %d %s", p, w.Code, w.Body)
			}
		}
	})
}
