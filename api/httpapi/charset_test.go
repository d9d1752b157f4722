package httpapi

import (
	"testing"
)

// TestJSONCharsetMustBeUTF8: a JSON body declared in another charset is
// refused with 415 before anything is read or appended, on Better Auth
// routes and the hosted pages' JSON route alike; UTF-8 (any case, quoted
// or not) and no charset are accepted.
func TestJSONCharsetMustBeUTF8(t *testing.T) {
	h := newHarness(t)
	h.signUp("alice@example.com", "correct horse 1", "Alice")
	signIn := `{"email":"alice@example.com","password":"correct horse 1"}`
	cases := []struct {
		name, ct string
		status   int
	}{
		{"utf-16", "application/json; charset=utf-16", 415},
		{"utf-16le", "application/json; charset=UTF-16LE", 415},
		{"latin-1", "application/json; charset=iso-8859-1", 415},
		{"utf-32", "application/json;charset=utf-32", 415},
		{"empty charset", `application/json; charset=""`, 415},
		{"utf-8", "application/json; charset=utf-8", 200},
		{"UTF-8 quoted", `application/json; charset="UTF-8"`, 200},
		{"no charset", "application/json", 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := h.head()
			r := h.post("/sign-in/email", signIn, map[string]string{"Content-Type": c.ct})
			if r.status != c.status {
				t.Fatalf("%s: %d %s, want %d", c.ct, r.status, r.body, c.status)
			}
			if c.status == 415 {
				if r.json(t)["code"] != "UNSUPPORTED_MEDIA_TYPE" || len(r.cookies) != 0 || h.head() != before {
					t.Errorf("%s: %s, cookies %q, appended %v", c.ct, r.body, r.cookies, h.head() != before)
				}
				q := h.do(req{method: "POST", path: "/ui/qr", body: `{"text":"x"}`, headers: map[string]string{"Content-Type": c.ct}})
				if q.status != 415 {
					t.Errorf("/ui/qr with %s: %d %s", c.ct, q.status, q.body)
				}
			}
		})
	}
}
