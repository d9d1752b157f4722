package postgres

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/authledger/authledger/ontology"
)

// PostgreSQL text holds no NUL byte and only valid UTF-8, and jsonb also
// refuses the escape \u0000, unpaired surrogate escapes and numbers beyond
// numeric's range. A projection must not stop because a person put such a
// character in a profile field, so values other than keys are stored with
// U+FFFD in place of what PostgreSQL cannot hold; keys (ids) and numbers
// out of range fail with ontology.ErrBadRow.

// Limits of PostgreSQL's numeric type, which jsonb numbers use.
const (
	maxIntDigits  = 131072
	maxFracDigits = 16383
)

// cleanText returns s with invalid UTF-8 and NUL bytes replaced by U+FFFD.
func cleanText(s string) string {
	if storable(s) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "\uFFFD")
}

// cleanJSON returns valid JSON raw (as ontology.CheckRow has checked it)
// in a form jsonb accepts: invalid UTF-8 in strings, \u0000 and unpaired
// surrogate escapes become U+FFFD. A number beyond numeric's range is
// ErrBadRow.
func cleanJSON(raw json.RawMessage) (json.RawMessage, error) {
	if !utf8.Valid(raw) {
		raw = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
	}
	var out []byte // nil until the first change
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case c == '"':
			end, fixed := cleanString(raw, i)
			if fixed != nil && out == nil {
				out = append(make([]byte, 0, len(raw)), raw[:i]...)
			}
			switch {
			case fixed != nil:
				out = append(out, fixed...)
			case out != nil:
				out = append(out, raw[i:end]...)
			}
			i = end - 1
		case c == '-' || c >= '0' && c <= '9':
			end := numberEnd(raw, i)
			if !numericFits(string(raw[i:end])) {
				return nil, fmt.Errorf("%w: JSON number %.40s… is beyond PostgreSQL's numeric range", ontology.ErrBadRow, raw[i:end])
			}
			if out != nil {
				out = append(out, raw[i:end]...)
			}
			i = end - 1
		case out != nil:
			out = append(out, c)
		}
	}
	if out == nil {
		return raw, nil
	}
	return out, nil
}

// cleanString scans the string starting at raw[start] (a quote) and returns
// the index after its closing quote and, when it needed changes, its
// cleaned form (nil otherwise).
func cleanString(raw []byte, start int) (end int, fixed []byte) {
	copied := start // raw[start:copied] is in fixed already
	i := start + 1
	for raw[i] != '"' {
		switch {
		case raw[i] != '\\':
			i++
		case raw[i+1] != 'u':
			i += 2
		default:
			size, bad := escapeSize(raw, i)
			if bad {
				fixed = append(append(fixed, raw[copied:i]...), `\ufffd`...)
				copied = i + size
			}
			i += size
		}
	}
	if fixed != nil {
		fixed = append(fixed, raw[copied:i+1]...)
	}
	return i + 1, fixed
}

// escapeSize returns the length of the \u escape at raw[i] (12 for a
// surrogate pair) and whether jsonb refuses it (NUL, unpaired surrogate).
func escapeSize(raw []byte, i int) (int, bool) {
	switch r := hex4(raw[i+2 : i+6]); {
	case r == 0, r >= 0xDC00 && r <= 0xDFFF:
		return 6, true
	case r >= 0xD800 && r <= 0xDBFF:
		if i+12 <= len(raw) && raw[i+6] == '\\' && raw[i+7] == 'u' {
			if lo := hex4(raw[i+8 : i+12]); lo >= 0xDC00 && lo <= 0xDFFF {
				return 12, false
			}
		}
		return 6, true
	}
	return 6, false
}

// hex4 decodes four hex digits (valid JSON guarantees them).
func hex4(b []byte) rune {
	n, _ := strconv.ParseUint(string(b), 16, 32)
	return rune(n)
}

// numberEnd returns the index after the number token starting at i.
func numberEnd(raw []byte, i int) int {
	for i < len(raw) && strings.IndexByte("+-0123456789.eE", raw[i]) >= 0 {
		i++
	}
	return i
}

// numericFits reports whether PostgreSQL's numeric can hold the JSON number
// tok: at most maxIntDigits digits before the point and maxFracDigits
// after it.
func numericFits(tok string) bool {
	mant, exp, hasExp := strings.Cut(strings.ToLower(strings.TrimPrefix(tok, "-")), "e")
	intPart, frac, _ := strings.Cut(mant, ".")
	intPart = strings.TrimLeft(intPart, "0")
	if !hasExp {
		return len(intPart) <= maxIntDigits && len(frac) <= maxFracDigits
	}
	e, err := strconv.Atoi(exp)
	if err != nil || e > 4*maxIntDigits || e < -4*maxIntDigits {
		return strings.Trim(intPart+frac, "0") == "" && err == nil // zero with a wild exponent
	}
	return len(intPart)+e <= maxIntDigits && len(frac)-e <= maxFracDigits
}
