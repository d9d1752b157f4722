package email

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"github.com/authledger/authledger/domain"
)

// FuzzCanonicalize checks the canonicalizer's invariants: it never panics,
// fails only with ErrInvalidEmail, and what it returns is at most 254 bytes,
// has one '@', no control, format or space characters, and is a fixed point.
func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		"Kate@Example.COM", "\u212Aate@example.com", "ｋａｔｅ@example.com", "mıke@example.com",
		"k\u0430te@example.com", "user@Bücher.example", "a@x.io\r\nBcc: evil@x.io", "<a@x.io>",
		"' OR '1'='1", `{"$gt":""}@x.io`, "a\uff20b@example.com", "\ufdfa\ufdfa\ufdfa@example.com",
		"STRA\u1E9EE@example.com", "\u0130ke@example.com", "a@xn--bcher-kva.example", long(254),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Canonicalize(s)
		if err != nil {
			if !errors.Is(err, domain.ErrInvalidEmail) {
				t.Fatalf("Canonicalize(%q) error %v does not wrap ErrInvalidEmail", s, err)
			}
			return
		}
		if len(got) > MaxLength || len(LocalPart(got)) > MaxLocalLength || strings.Count(got, "@") != 1 {
			t.Fatalf("Canonicalize(%q) = %q: bad length or '@' count", s, got)
		}
		if i := strings.IndexFunc(got, func(r rune) bool {
			return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.IsSpace(r)
		}); i >= 0 {
			t.Fatalf("Canonicalize(%q) = %q: control, format or space character at %d", s, got, i)
		}
		again, err := Canonicalize(got)
		if err != nil || again != got {
			t.Fatalf("Canonicalize(%q) = %q, but Canonicalize(%q) = %q, %v", s, got, got, again, err)
		}
	})
}
