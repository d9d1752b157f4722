package strictjson

// surrogatesPaired reports whether every \uD800–\uDFFF escape inside the
// JSON strings of body is part of a high+low pair. encoding/json turns a
// lone surrogate into U+FFFD, so "\ud800" and "\udbff" would decode to the
// same password; JavaScript keeps them apart. Bytes outside strings and
// malformed escapes are left for the tokenizer to judge.
func surrogatesPaired(body []byte) bool {
	inString := false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case !inString:
			inString = c == '"'
		case c == '"':
			inString = false
		case c == '\\' && i+1 < len(body):
			if body[i+1] != 'u' {
				i++
				continue
			}
			r, ok := hex4(body, i+2)
			if !ok {
				i++
				continue
			}
			next, ok := pairedLength(body, i, r)
			if !ok {
				return false
			}
			i += next - 1
		}
	}
	return true
}

// pairedLength returns how many bytes the escape at i (value r) spans,
// including a following low surrogate when r is a high one; ok is false for
// an unpaired surrogate.
func pairedLength(body []byte, i int, r rune) (int, bool) {
	switch {
	case r >= 0xDC00 && r <= 0xDFFF:
		return 0, false
	case r >= 0xD800 && r <= 0xDBFF:
		if i+12 > len(body) || body[i+6] != '\\' || body[i+7] != 'u' {
			return 0, false
		}
		lo, ok := hex4(body, i+8)
		if !ok || lo < 0xDC00 || lo > 0xDFFF {
			return 0, false
		}
		return 12, true
	}
	return 6, true
}

// hex4 parses four hex digits at body[i:].
func hex4(body []byte, i int) (rune, bool) {
	if i+4 > len(body) {
		return 0, false
	}
	var r rune
	for _, c := range body[i : i+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}
