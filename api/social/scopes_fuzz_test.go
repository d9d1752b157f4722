package social

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzAuthExtras: whatever a sign-in body carries as scopes and login
// hint, an accepted one holds only scope tokens (no space, quote,
// backslash or control character) and a hint without control characters,
// and splitting a provider's scope answer never yields an empty or
// duplicate scope.
func FuzzAuthExtras(f *testing.F) {
	f.Add("openid email", "ada@example.com")
	f.Add("a,b,,a", "line\nbreak")
	f.Add(`"quoted"`, "\x7f")
	f.Fuzz(func(t *testing.T, scopes, hint string) {
		list := strings.Split(scopes, "|")
		if checkAuthExtras(list, hint) == nil {
			for _, sc := range list {
				if sc == "" || strings.ContainsAny(sc, " \"\\\t\n\r") {
					t.Fatalf("accepted scope %q", sc)
				}
			}
			if !utf8.ValidString(hint) || strings.ContainsAny(hint, "\n\r\x00\x7f") {
				t.Fatalf("accepted hint %q", hint)
			}
		}
		seen := map[string]bool{}
		for _, sc := range splitScopes(scopes) {
			if sc == "" || seen[sc] || strings.ContainsAny(sc, " ,") {
				t.Fatalf("splitScopes(%q) gave %q", scopes, sc)
			}
			seen[sc] = true
		}
	})
}
