package cookies

import (
	"net/url"
	"strings"
)

// EncodeURIComponent escapes s exactly as JavaScript's encodeURIComponent
// does (UTF-8, upper-case hex, "A-Za-z0-9-_.!~*'()" left alone), which is how
// better-call encodes cookie values: '/' → %2F, '+' → %2B, '=' → %3D.
func EncodeURIComponent(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func unreserved(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-_.!~*'()", c) >= 0
}

// tryDecode undoes EncodeURIComponent like better-call's tryDecode: only a
// value holding '%' is decoded, '+' stays '+', and a malformed escape leaves
// the value as it was.
func tryDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	d, err := url.PathUnescape(s)
	if err != nil {
		return s
	}
	return d
}
