package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzOrgBodies throws arbitrary bodies (and the same bytes as a query
// string) at every organization route of a member of an organization with
// a pending invitation: the answer is never a 5xx.
func FuzzOrgBodies(f *testing.F) {
	for _, s := range []string{`{}`, `{"name":"A","slug":"a","metadata":{"k":[1]}}`, `{"metadata":"x","name":"A","slug":"b"}`,
		`{"data":{"slug":""}}`, `{"role":["admin","owner"],"email":"x@example.com"}`, `{"role":{}}`,
		`{"memberIdOrEmail":"@"}`, `{"permissions":{"member":[]}}`, `{"permission":{"x":["y"]}}`,
		`{"organizationId":"` + strings.Repeat("z", 32) + `"}`, `{"organizationSlug":null}`, `{"invitationId":7}`,
		"limit=-1&offset=99999999999", "sortBy=role&sortDirection=desc&filterField=role&filterOperator=in&filterValue=a,b",
		`null`, `[`, "{\"slug\":\"\xff\"}"} {
		f.Add(s)
	}
	h := newHarness(f)
	cookie, _ := h.signUp("fuzz@example.com", "correct horse 1", "Fuzz")
	if r := h.post("/organization/create", `{"name":"F","slug":"f"}`, withCookie(cookie)); r.status != 200 {
		f.Fatalf("create: %d %s", r.status, r.body)
	}
	h.post("/organization/invite-member", `{"email":"x@example.com","role":"member"}`, withCookie(cookie))
	handler := h.srv.Handler()
	var routes []route
	for _, rt := range h.srv.allAuthRoutes() {
		if strings.HasPrefix(rt.Path, "/organization/") {
			routes = append(routes, rt)
		}
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, rt := range routes {
			var r *http.Request
			if rt.Method == http.MethodPost {
				r = httptest.NewRequest(http.MethodPost, "/api/auth"+rt.Path, strings.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				r.Header.Set("Origin", testOrigin)
			} else {
				r = httptest.NewRequest(http.MethodGet, "/api/auth"+rt.Path, nil)
				r.URL.RawQuery = body
			}
			r.Header.Set("Cookie", cookie)
			w := httptest.NewRecorder()
			handler.ServeHTTP(w, r)
			if w.Code >= 500 {
				t.Fatalf("%s: %d %s", rt.Path, w.Code, w.Body)
			}
		}
	})
}
