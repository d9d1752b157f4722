package email

import (
	"errors"
	"strings"
	"testing"

	"github.com/authledger/authledger/domain"
)

func TestCanonicalizeAccepts(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"lower-cases all", "Kate@Example.COM", "kate@example.com"},
		// compatibility forms fold to ASCII.
		{"Kelvin sign", "\u212Aate@example.com", "kate@example.com"},
		{"full-width letters", "ｋａｔｅ@example.com", "kate@example.com"},
		{"full-width capitals", "ＫＡＴＥ@ＥＸＡＭＰＬＥ.com", "kate@example.com"},
		// Letters that only look alike stay distinct.
		{"dotless i stays", "mıke@example.com", "mıke@example.com"},
		{"capital dotless-i source", "MIKE@example.com", "mike@example.com"},
		{"dotted capital I folds to i (Go simple case mapping)", "\u0130ke@example.com", "ike@example.com"},
		{"sharp s stays", "Straße@example.com", "straße@example.com"},
		{"capital sharp s", "STRA\u1E9EE@example.com", "straße@example.com"},
		// homoglyphs are distinct accounts.
		{"Cyrillic a stays", "k\u0430te@example.com", "k\u0430te@example.com"},
		{"decomposed e composes", "jose\u0301@example.com", "jos\u00e9@example.com"},
		{"IDN domain", "user@Bücher.example", "user@xn--bcher-kva.example"},
		{"punycode domain", "user@XN--BCHER-KVA.example", "user@xn--bcher-kva.example"},
		{"ideographic full stop", "user@example\u3002com", "user@example.com"},
		{"apostrophe", "O'Brien@example.com", "o'brien@example.com"},
		{"plus and dots", "first.last+tag@mail.example.co.uk", "first.last+tag@mail.example.co.uk"},
		{"64-byte local", strings.Repeat("a", 64) + "@example.com", strings.Repeat("a", 64) + "@example.com"},
		{"254-byte address", long(254), long(254)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if err != nil {
				t.Fatalf("Canonicalize(%q) error = %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Canonicalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again, err := Canonicalize(got); err != nil || again != got {
				t.Errorf("Canonicalize(%q) = %q, %v; want it unchanged", got, again, err)
			}
		})
	}
}

func TestCanonicalizeDistinct(t *testing.T) {
	pairs := [][2]string{
		{"mıke@example.com", "mike@example.com"},
		{"k\u0430te@example.com", "kate@example.com"},
		{"straße@example.com", "strasse@example.com"},
	}
	for _, p := range pairs {
		a, errA := Canonicalize(p[0])
		b, errB := Canonicalize(p[1])
		if errA != nil || errB != nil || a == b {
			t.Errorf("Canonicalize(%q) = %q, %v and Canonicalize(%q) = %q, %v: want two distinct addresses",
				p[0], a, errA, p[1], b, errB)
		}
	}
}

func TestCanonicalizeRejects(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"no at", "kate.example.com"},
		{"two ats", "a@b@example.com"},
		{"empty local", "@example.com"},
		{"empty domain", "kate@"},
		// injection strings are not addresses.
		{"sql quote", "' OR '1'='1"},
		{"sql quote with at", "' OR '1'='1@example.com"},
		{"sql drop", `"; DROP TABLE users;--@example.com`},
		{"nosql operator", `{"$gt":""}@example.com`},
		// header injection.
		{"CRLF Bcc", "a@x.io\r\nBcc: evil@x.io"},
		{"LF in local", "a\nb@x.io"},
		{"angle brackets", "<a@x.io>"},
		{"display name", "Jane Doe <jane@example.com>"},
		{"address list", "a@example.com,b@example.com"},
		{"NUL", "a\x00@example.com"},
		{"tab", "a\t@example.com"},
		{"space", "a b@example.com"},
		{"no-break space", "a\u00a0b@example.com"},
		{"bidi override", "a\u202e@example.com"},
		{"zero-width space", "ka\u200bte@example.com"},
		{"DEL", "a\x7f@example.com"},
		{"invalid UTF-8", "a\xff@example.com"},
		{"quoted local", `"a b"@example.com`},
		{"full-width at becomes second at", "a\uff20b@example.com"},
		{"full-width less-than becomes <", "\uff1ca@example.com"},
		// Dots in the local part.
		{"leading dot", ".kate@example.com"},
		{"trailing dot", "kate.@example.com"},
		{"double dot", "ka..te@example.com"},
		{"full-width dots become double dot", "ka\uff0e\uff0ete@example.com"},
		// Domains.
		{"single label", "kate@localhost"},
		{"IPv4", "kate@1.2.3.4"},
		{"IP literal", "kate@[1.2.3.4]"},
		{"trailing dot domain", "kate@example.com."},
		{"empty label", "kate@example..com"},
		{"leading hyphen", "kate@-example.com"},
		{"underscore", "kate@exa_mple.com"},
		{"label of 64", "kate@" + strings.Repeat("a", 64) + ".com"},
		{"bad punycode", "kate@xn--zz.example"},
		// lengths, before and after canonicalization.
		{"65-byte local", strings.Repeat("a", 65) + "@example.com"},
		{"255-byte address", long(255)},
		{"local grows past 64 under NFKC", strings.Repeat("\ufdfa", 3) + "@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Canonicalize(tt.in)
			if !errors.Is(err, domain.ErrInvalidEmail) {
				t.Fatalf("Canonicalize(%q) = %q, %v; want ErrInvalidEmail", tt.in, got, err)
			}
			if domain.CodeOf(err) != domain.CodeInvalidEmail {
				t.Errorf("code = %s, want %s", domain.CodeOf(err), domain.CodeInvalidEmail)
			}
		})
	}
}

func TestLocalPart(t *testing.T) {
	tests := []struct{ in, want string }{
		{"kate@example.com", "kate"},
		{"o'brien@example.com", "o'brien"},
		{"no-at", "no-at"},
	}
	for _, tt := range tests {
		if got := LocalPart(tt.in); got != tt.want {
			t.Errorf("LocalPart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// long returns a valid address of exactly n bytes (n ≥ 80).
func long(n int) string {
	local := strings.Repeat("a", 64)
	rest := n - len(local) - 1 - len(".com")
	var labels []string
	for rest > 0 {
		l := min(rest, 63)
		if rest-l == 1 { // leave room for a dot plus a one-byte label
			l--
		}
		labels = append(labels, strings.Repeat("b", l))
		rest -= l + 1
	}
	return local + "@" + strings.Join(labels, ".") + ".com"
}
