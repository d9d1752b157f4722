package jsonstr

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzAppendJSON compares AppendJSON with json.Marshal, and AppendSlog
// with the same but for its known differences (HTML characters as they
// are, \b and \f long). Strings whose encoding holds an escaped backslash
// are left to cmd/authledger's FuzzFlatJSONMatchesSlog, which checks
// AppendSlog against log/slog itself: rewriting \b there could match the
// second backslash of \\ and a following b.
func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{"", "plain", `q"uote\back`, "<&>", "\x00\x1f\n\r\t\x7f\b\f", "é漢😀", "\xff\xfe", "\u2028\u2029", "a\u2029b", "\xed\xa0\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := AppendJSON([]byte("p"), s); !bytes.Equal(got[1:], want) {
			t.Fatalf("AppendJSON(%q) = %s, want %s", s, got[1:], want)
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want = bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		want = bytes.ReplaceAll(bytes.ReplaceAll(want, []byte(`\b`), []byte(`\u0008`)), []byte(`\f`), []byte(`\u000c`))
		if got := AppendSlog(nil, s); !bytes.Equal(got, want) && !bytes.Contains(want, []byte(`\\`)) {
			t.Fatalf("AppendSlog(%q) = %s, want %s", s, got, want)
		}
	})
}
