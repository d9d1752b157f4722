package domain

import (
	"strings"
	"testing"
)

func TestValidNameAndImageURL(t *testing.T) {
	tests := []struct {
		name string
		err  error
		ok   bool
	}{
		{"name", ValidName("Ada Lovelace"), true},
		{"name at the limit", ValidName(strings.Repeat("é", MaxNameLen)), true},
		{"name too long", ValidName(strings.Repeat("é", MaxNameLen+1)), false},
		{"name with a control character", ValidName("Ada\u0007"), false},
		{"name not UTF-8", ValidName("\xff"), false},
		{"no image", ValidImageURL(""), true},
		{"https image", ValidImageURL("https://example.com/a.png"), true},
		{"javascript image", ValidImageURL("javascript:alert(1)"), false},
		{"image with a space", ValidImageURL("https://example.com/a b.png"), false},
		{"image too long", ValidImageURL("https://example.com/" + strings.Repeat("a", MaxImageURLLen)), false},
	}
	for _, tt := range tests {
		if (tt.err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok=%v", tt.name, tt.err, tt.ok)
		}
	}
}

// TestValidNameRefusesBidiAndBlank: right-to-left overrides, isolates,
// marks and blank names are refused; joiners inside emoji are not.
func TestValidNameRefusesBidiAndBlank(t *testing.T) {
	for _, n := range []string{"Ada\u202eexe.pdf", "\u202aAda", "Ada\u2066", "\u200fAda", "Ada\u061c", "Ada\ufeff", "", "   ", "\t\n"} {
		if ValidName(n) == nil {
			t.Errorf("ValidName(%q) accepted", n)
		}
	}
	for _, n := range []string{"Zoë", "🧑\u200d💻 Dev", "می\u200cخواهم", "李小龍"} {
		if err := ValidName(n); err != nil {
			t.Errorf("ValidName(%q) = %v", n, err)
		}
	}
}

// TestSanitizeName: a provider's name is cleaned into one ValidName
// accepts, or "".
func TestSanitizeName(t *testing.T) {
	tests := map[string]string{
		"  Ada \u202e Lovelace\u0007 ":    "Ada Lovelace",
		"\u202e\u200f  ":                  "",
		"A\xffda":                         "Ada",
		strings.Repeat("é", MaxNameLen+9): strings.Repeat("é", MaxNameLen),
		"🧑\u200d💻":                        "🧑\u200d💻",
	}
	for in, want := range tests {
		got := SanitizeName(in)
		if got != want {
			t.Errorf("SanitizeName(%q) = %q, want %q", in, got, want)
		}
		if got != "" && ValidName(got) != nil {
			t.Errorf("SanitizeName(%q) = %q, which ValidName refuses", in, got)
		}
	}
	if SanitizeImageURL("javascript:alert(1)") != "" || SanitizeImageURL("https://x.test/a.png") != "https://x.test/a.png" {
		t.Error("SanitizeImageURL")
	}
}
