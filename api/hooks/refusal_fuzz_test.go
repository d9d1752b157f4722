package hooks

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzRefusalOf: whatever a hook answers, the client's error has status
// 400 or 403, a code in Better Auth's style and a short printable message.
func FuzzRefusalOf(f *testing.F) {
	f.Add(403, "EMAIL_DOMAIN_BLOCKED", "Sign-ups from blocked.example are not accepted")
	f.Add(302, "lower", "a\x00\x1b[31mred\n")
	f.Add(400, "", "")
	f.Fuzz(func(t *testing.T, status int, code, message string) {
		r := refusalOf(Decision{Status: status, Code: code, Message: message})
		if r.Status != 400 && r.Status != 403 {
			t.Fatalf("status %d", r.Status)
		}
		if !validCode.MatchString(string(r.Code)) {
			t.Fatalf("code %q", r.Code)
		}
		if r.Message == "" || utf8.RuneCountInString(r.Message) > maxMessage {
			t.Fatalf("message of %d runes", utf8.RuneCountInString(r.Message))
		}
		for _, c := range r.Message {
			if unicode.IsControl(c) {
				t.Fatalf("control character %q in %q", c, r.Message)
			}
		}
	})
}
