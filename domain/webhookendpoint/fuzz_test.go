package webhookendpoint_test

import (
	"strings"
	"testing"

	"github.com/authledger/authledger/domain/webhookendpoint"
)

// FuzzNormalizeEvents: operator-supplied patterns are either refused or
// normalized into sorted, unique, well-formed patterns that select
// themselves (an exact type) or what they prefix.
func FuzzNormalizeEvents(f *testing.F) {
	for _, s := range []string{"person.", "session.created", "a..b", ".x", "Person.*", "x,y.", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := webhookendpoint.NormalizeEvents(strings.Split(s, ","))
		if err != nil {
			return
		}
		for i, p := range out {
			if p == "" || strings.Contains(p, "..") || p[0] == '.' || (i > 0 && out[i-1] >= p) {
				t.Fatalf("NormalizeEvents(%q) = %q", s, out)
			}
			typ := p
			if webhookendpoint.IsPrefix(p) {
				typ = p + "x"
			}
			if !webhookendpoint.Matches(out, typ) {
				t.Fatalf("%q does not select %q", out, typ)
			}
		}
	})
}
