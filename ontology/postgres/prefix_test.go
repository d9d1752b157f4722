package postgres

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrefixEnd(t *testing.T) {
	tests := []struct {
		prefix, want string
		ok           bool
	}{
		{"person.", "person/", true},
		{"a\u007f", "a\u0080", true}, // a byte-wise increment would give invalid UTF-8
		{"é", "ê", true},
		{"x\ud7ff", "x\ue000", true}, // skips the surrogates
		{"x\U0010ffff", "y", true},
		{"\U0010ffff", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := prefixEnd(tt.prefix)
		if got != tt.want || ok != tt.ok {
			t.Errorf("prefixEnd(%q) = %q, %v; want %q, %v", tt.prefix, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzPrefixEnd checks the range a prefix filter (a client's type_prefix)
// becomes: for valid UTF-8 prefix p and string s, p <= s < end in byte
// order exactly when s starts with p, and end is valid UTF-8.
func FuzzPrefixEnd(f *testing.F) {
	f.Add("person.", "person.signed_in")
	f.Add("a\u007f", "a\u0080")
	f.Add("x\ud7ff", "x\ue000")
	f.Add("\U0010ffff", "\U0010ffffz")
	f.Fuzz(func(t *testing.T, p, s string) {
		if !utf8.ValidString(p) || !utf8.ValidString(s) {
			t.Skip()
		}
		end, ok := prefixEnd(p)
		if ok && !utf8.ValidString(end) {
			t.Fatalf("prefixEnd(%q) = %q, not UTF-8", p, end)
		}
		inRange := s >= p && (!ok || s < end)
		if inRange != strings.HasPrefix(s, p) {
			t.Fatalf("prefix %q, end %q (%v): %q in range = %v", p, end, ok, s, inRange)
		}
	})
}
