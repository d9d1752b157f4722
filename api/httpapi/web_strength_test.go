package httpapi

import (
	"net/http"
	"testing"

	"github.com/authledger/authledger/domain/password"
)

// TestSignUpRefusesCommonVariants: listed passwords, variants of them and
// passwords zxcvbn rates too guessable are refused with
// PASSWORD_TOO_COMMON by sign-up, change-password and reset-password
// alike, and nothing is appended.
func TestSignUpRefusesCommonVariants(t *testing.T) {
	opt, sink := withSink(t)
	h := newHarness(t, opt)
	cookie, _ := h.signUp("alice@example.com", "correct horse 1", "Alice")
	token, _ := h.requestReset(sink, "alice@example.com", 1)
	routes := map[string]func(pw string) resp{
		"sign-up": func(pw string) resp {
			return h.post("/sign-up/email", `{"email":"v@example.com","password":"`+pw+`","name":"V"}`, nil)
		},
		"change-password": func(pw string) resp {
			return h.post("/change-password", `{"currentPassword":"correct horse 1","newPassword":"`+pw+`"}`, withCookie(cookie))
		},
		"reset-password": func(pw string) resp { return h.reset(token, pw) },
	}
	for name, send := range routes {
		for _, pw := range []string{"baseball1", "password123456", "Password1!", "P@ssw0rd2024!", "Sunshine2023#", "qwertyuiop123"} {
			before := h.head()
			r := send(pw)
			if r.status != http.StatusBadRequest || r.json(t)["code"] != "PASSWORD_TOO_COMMON" || h.head() != before {
				t.Errorf("%s with %q: %d %s", name, pw, r.status, r.body)
			}
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
