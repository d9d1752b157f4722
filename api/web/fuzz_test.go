package web

import (
	"strings"
	"testing"
)

// FuzzQRDataURL: any text is refused or encoded, and what is encoded
// decodes back to the same text.
func FuzzQRDataURL(f *testing.F) {
	for _, s := range []string{"", "otpauth://", "otpauth://totp/a:b?secret=JBSWY3DPEHPK3PXP", "https://x", "otpauth://\x00\xff",
		"otpauth://" + strings.Repeat("é", 250)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		src, err := QRDataURL(s)
		if err != nil {
			return
		}
		if !strings.HasPrefix(s, "otpauth://") || len(s) > maxQRText || src == "" {
			t.Fatalf("QRDataURL(%q) accepted", s)
		}
		bits, err := qrEncode([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if got := decodeQR(t, bits); got != s && strings.ToValidUTF8(s, "") == s {
			t.Fatalf("decoded %q, want %q", got, s)
		}
	})
}

// FuzzPickLanguage: any ?lang= and Accept-Language (both come from the
// visitor) give one of the catalogue's languages, never a panic.
func FuzzPickLanguage(f *testing.F) {
	for _, s := range [][2]string{{"", ""}, {"de", ""}, {"", "de-CH,en;q=0.5"}, {"xx", "*"}, {"", "en;q=abc,,;"},
		{"", strings.Repeat("a-", 500)}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, query, accept string) {
		got := PickLanguage(query, accept)
		for _, l := range Languages {
			if got == l.Code {
				return
			}
		}
		t.Fatalf("PickLanguage(%q, %q) = %q, not a catalogue language", query, accept, got)
	})
}
