package httpapi

import (
	"net/http"
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
