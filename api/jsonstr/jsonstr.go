// Package jsonstr appends JSON string literals byte for byte as the
// standard library writes them, without reflection or allocation: the
// get-session answer (encoding/json's form) and the access log line
// (log/slog's JSON handler) are the server's hottest encodings. Both forms
// escape ", \ and control characters, write invalid UTF-8 as \ufffd, and
// escape U+2028 and U+2029; encoding/json also escapes <, > and &, and
// writes \b and \f short, where slog writes \u0008 and \u000c.
// FuzzAppendJSON holds the first to encoding/json; the second is held to
// log/slog by cmd/authledger's FuzzFlatJSONMatchesSlog.
package jsonstr

import "unicode/utf8"

const hexDigits = "0123456789abcdef"

// AppendJSON appends s quoted as json.Marshal writes it.
func AppendJSON(b []byte, s string) []byte { return appendQuoted(b, s, true) }

// AppendSlog appends s quoted as slog.JSONHandler writes it.
func AppendSlog(b []byte, s string) []byte { return appendQuoted(b, s, false) }

// appendQuoted appends s quoted in encoding/json's form (std) or slog's.
func appendQuoted(b []byte, s string, std bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!std || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = appendShort(b, 'b', c, std)
			case '\f':
				b = appendShort(b, 'f', c, std)
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}

// appendShort appends \<short> in encoding/json's form, else c as \u00XX.
func appendShort(b []byte, short, c byte, std bool) []byte {
	if std {
		return append(b, '\\', short)
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}
