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
