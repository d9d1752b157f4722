package httpapi

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestSocialFormPostCallback: a provider's form_post answer (Apple) is a
// cross-site form POST, from the provider's origin and with whatever
// cookies of the site are not SameSite: it is accepted without the origin
// and JSON checks and redirected (303) to the GET callback with the
// form's known parameters, each size-bounded, in the query (of Apple's
// user JSON only the name); it writes nothing. A body that is not a form is a 400.
func TestSocialFormPostCallback(t *testing.T) {
	h := newHarness(t)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	user := `{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"x@privaterelay.appleid.com"}`
	nameOnly := `{"name":{"firstName":"Jane","lastName":"Appleseed"}}`
	tests := []struct {
		name, query, contentType string
		form                     url.Values
		status                   int
		want                     url.Values
	}{
		{"first sign-in", "", "application/x-www-form-urlencoded",
			url.Values{"code": {"c1a2b3"}, "state": {"st-1"}, "user": {user}, "id_token": {"eyJ.x.y"}},
			http.StatusSeeOther, url.Values{"code": {"c1a2b3"}, "state": {"st-1"}, "user": {nameOnly}}},
		{"later sign-in", "", "application/x-www-form-urlencoded; charset=utf-8",
			url.Values{"code": {"c4"}, "state": {"st-2"}}, http.StatusSeeOther, url.Values{"code": {"c4"}, "state": {"st-2"}}},
		{"consent refused", "", "application/x-www-form-urlencoded",
			url.Values{"error": {"user_cancelled_authorize"}, "state": {"st-3"}}, http.StatusSeeOther,
			url.Values{"error": {"user_cancelled_authorize"}, "state": {"st-3"}}},
		{"oversized user dropped", "", "application/x-www-form-urlencoded",
			url.Values{"code": {"c5"}, "state": {"st-4"}, "user": {strings.Repeat("x", 5000)}}, http.StatusSeeOther,
			url.Values{"code": {"c5"}, "state": {"st-4"}}},
		{"user without a name dropped", "", "application/x-www-form-urlencoded",
			url.Values{"code": {"c8"}, "state": {"st-6"}, "user": {`{"email":"x@example.com"}`}}, http.StatusSeeOther,
			url.Values{"code": {"c8"}, "state": {"st-6"}}},
		{"query wins", "?state=st-q", "application/x-www-form-urlencoded",
			url.Values{"code": {"c6"}, "state": {"st-5"}}, http.StatusSeeOther, url.Values{"code": {"c6"}, "state": {"st-q"}}},
		{"not a form", "", "application/json", url.Values{"code": {"c7"}}, http.StatusBadRequest, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := http.NewRequest("POST", h.http.URL+"/api/auth/callback/apple"+tt.query, strings.NewReader(tt.form.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			r.Header.Set("Content-Type", tt.contentType)
			r.Header.Set("Origin", "https://appleid.apple.com")
			r.Header.Set("Sec-Fetch-Site", "cross-site")
			r.Header.Set("Sec-Fetch-Mode", "navigate")
			r.Header.Set("Cookie", "theme=dark")
			res, err := noFollow.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.want == nil {
				return
			}
			loc, err := url.Parse(res.Header.Get("Location"))
			if err != nil || loc.Path != "/api/auth/callback/apple" || loc.Query().Encode() != tt.want.Encode() {
				t.Errorf("redirect to %q, want the GET callback with %v", res.Header.Get("Location"), tt.want)
			}
			if len(res.Header.Values("Set-Cookie")) != 0 {
				t.Errorf("the form POST set cookies")
			}
		})
	}
	if !h.head().IsZero() {
		t.Error("form POSTs wrote events")
	}
	// Other POST routes keep the origin check.
	r := h.post("/unlink-account", `{"providerId":"apple"}`, map[string]string{"Origin": "https://appleid.apple.com",
		"Cookie": "theme=dark"})
	if r.status != http.StatusForbidden {
		t.Errorf("cross-site POST elsewhere: %d", r.status)
	}
}

// FuzzSocialFormPostCallback: whatever a cross-site form POST carries, the
// answer is a 303 to the GET callback of the same provider with only the
// known parameters, each within its bound, or a 400; never a 5xx.
func FuzzSocialFormPostCallback(f *testing.F) {
	f.Add("code=c&state=s&user=%7B%22name%22%3A%7B%22firstName%22%3A%22Jane%22%7D%7D", "")
	f.Add("code=c&state=s&id_token=x&user=%7B", "state=q&error=x")
	f.Add("%zz=1&;;", "a=%")
	h := newHarness(f)
	handler := h.srv.Handler()
	known := map[string]int{"code": 2048, "state": 512, "error": 256, "error_description": 1024, "user": 1024}
	f.Fuzz(func(t *testing.T, body, query string) {
		r := httptest.NewRequest(http.MethodPost, "/api/auth/callback/apple", strings.NewReader(body))
		r.URL.RawQuery = query
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", "https://appleid.apple.com")
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		if w.Code == http.StatusBadRequest {
			return
		}
		loc, err := url.Parse(w.Header().Get("Location"))
		if w.Code != http.StatusSeeOther || err != nil || loc.Path != "/api/auth/callback/apple" || loc.Host != "" {
			t.Fatalf("%d to %q", w.Code, w.Header().Get("Location"))
		}
		for k, vs := range loc.Query() {
			if limit, ok := known[k]; !ok || len(vs) != 1 || len(vs[0]) > limit {
				t.Fatalf("passed on %s=%q", k, vs)
			}
		}
	})
}
