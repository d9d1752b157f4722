package httpapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/authledger/authledger/api/verification"
)

// FuzzVerifyEmailQuery fuzzes the emailed link's query: whatever token and
// callbackURL arrive, the answer is never a 5xx, nothing is appended and a
// redirect only goes to a trusted place.
func FuzzVerifyEmailQuery(f *testing.F) {
	for _, s := range [][2]string{{"", ""}, {"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/done"}, {"x", "//evil.test"},
		{"\x00", "http://127.0.0.1:3007/a?b=c#d"}, {"%zz", "/\\evil.test"}, {"t", "javascript:alert(1)"}} {
		f.Add(s[0], s[1])
	}
	opt, _ := withVerification(f, verification.Config{AutoSignIn: true})
	h := newHarness(f, opt)
	handler, head := h.srv.Handler(), h.head()
	f.Fuzz(func(t *testing.T, token, cb string) {
		q := url.Values{"token": {token}}
		if cb != "" {
			q.Set("callbackURL", cb)
		}
		r := httptest.NewRequest(http.MethodGet, "/api/auth/verify-email?"+q.Encode(), nil)
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%q %q: %d %s", token, cb, w.Code, w.Body)
		}
		if loc := w.Header().Get("Location"); loc != "" && h.srv.kit.Origins.CheckCallbackURL(cb) != nil {
			t.Fatalf("%q: redirect to untrusted %q", cb, loc)
		}
		if now, err := h.store.Head(context.Background()); err != nil || now != head {
			t.Fatalf("%q %q appended events", token, cb)
		}
	})
}
