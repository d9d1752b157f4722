package httpapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// BenchmarkSignInWrongShape measures sign-in/email in process with a
// well-formed body that the strict decoder refuses after reading all of it
// (rememberMe is a string): the route's JSON costs through the full Echo
// stack, without the password hash or state that a successful or failed
// sign-in adds (sessions, lockout counters) and that would swamp them.
func BenchmarkSignInWrongShape(b *testing.B) {
	h := newHarness(b)
	handler := h.srv.Handler()
	body := `{"email":"bench@example.com","password":"correct horse 1","callbackURL":"/dashboard","rememberMe":"yes"}`
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/api/auth/sign-in/email", stringsReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Origin", testOrigin)
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		if w.Code != 400 {
			b.Fatalf("sign-in: %d %s", w.Code, w.Body)
		}
	}
}

// BenchmarkSignUpValidationError measures a sign-up body refused by the
// strict decoder (the name is an array): the decoder's error path through
// the full stack, which touches no store.
func BenchmarkSignUpValidationError(b *testing.B) {
	h := newHarness(b)
	handler := h.srv.Handler()
	body := `{"email":"bench@example.com","password":"correct horse 1","name":["Bench"],"rememberMe":true}`
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/api/auth/sign-up/email", stringsReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Origin", testOrigin)
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, r)
		if w.Code != 400 {
			b.Fatalf("sign-up: %d %s", w.Code, w.Body)
		}
	}
}
