package httpapi

import (
	"net/http"
	"testing"

	"github.com/authledger/authledger/domain/password"
)

// TestSignUpRefusesCommonVariants: variants of listed passwords and
// passwords zxcvbn rates too guessable are refused by sign-up with
// PASSWORD_TOO_COMMON and nothing is appended.
func TestSignUpRefusesCommonVariants(t *testing.T) {
	h := newHarness(t)
	for _, pw := range []string{"password123456", "Password1!", "P@ssw0rd2024!", "Sunshine2023#", "qwertyuiop123"} {
		before := h.head()
		r := h.post("/sign-up/email", `{"email":"v@example.com","password":"`+pw+`","name":"V"}`, nil)
		if r.status != http.StatusBadRequest || r.json(t)["code"] != "PASSWORD_TOO_COMMON" || h.head() != before {
			t.Errorf("sign-up with %q: %d %s", pw, r.status, r.body)
		}
	}
}

// TestWebPasswordStrength: the meter's route answers the server's own
// estimate and the policy's verdict, same-origin JSON only.
func TestWebPasswordStrength(t *testing.T) {
	h := newHarness(t)
	for _, pw := range []string{"Password1!", "correct horse battery staple", "P@ssw0rd2024!", "zoe-quartz"} {
		r := h.do(req{method: http.MethodPost, path: "/ui/password-strength", body: `{"password":"` + pw + `","email":"zoe@example.com","name":"Zoe"}`})
		if r.status != 200 {
			t.Fatalf("%q: %d %s", pw, r.status, r.body)
		}
		got := r.json(t)
		want := password.Strength(pw, "zoe@example.com", "Zoe")
		err := password.DefaultPolicy().Check(pw, "zoe@example.com", "Zoe")
		if got["score"] != float64(want.Score) || got["acceptable"] != (err == nil) {
			t.Errorf("%q: %v, want score %d acceptable %v (%v)", pw, got, want.Score, err == nil, err)
		}
	}
	for name, rq := range map[string]req{
		"foreign origin with a cookie": {method: "POST", path: "/ui/password-strength", body: `{"password":"x"}`,
			headers: map[string]string{"Origin": "https://evil.test", "Cookie": "a=b"}},
		"no password":  {method: "POST", path: "/ui/password-strength", body: `{}`},
		"text/plain":   {method: "POST", path: "/ui/password-strength", body: `{"password":"x"}`, headers: map[string]string{"Content-Type": "text/plain"}},
		"unknown keys": {method: "POST", path: "/ui/password-strength", body: `{"password":"x","y":1}`},
	} {
		if r := h.do(rq); r.status < 400 || r.status >= 500 {
			t.Errorf("%s: %d %s", name, r.status, r.body)
		}
	}
}
