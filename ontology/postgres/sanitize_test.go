package postgres

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/authledger/authledger/ontology"
)

func TestCleanJSON(t *testing.T) {
	tests := []struct {
		raw, want string
		bad       bool
	}{
		{`{"logo":"a.png","n":[1,2.5e3,-0.1]}`, `{"logo":"a.png","n":[1,2.5e3,-0.1]}`, false},
		{`"a\u0000b"`, `"a\ufffdb"`, false},
		{`{"k\u0000":"\u0000\u0000"}`, `{"k\ufffd":"\ufffd\ufffd"}`, false},
		{`"a\\u0000"`, `"a\\u0000"`, false}, // an escaped backslash, then text
		{`"a\\\u0000"`, `"a\\\ufffd"`, false},
		{`"\ud83d\ude00 \ud800 \udc00x"`, `"\ud83d\ude00 \ufffd \ufffdx"`, false},
		{`"\ud800\u0041"`, `"\ufffd\u0041"`, false},
		{"\"\xff\"", "\"\uFFFD\"", false},
		{`[1e131071, 1e-16383, 0e999999999]`, `[1e131071, 1e-16383, 0e999999999]`, false},
		{`1e131072`, ``, true},
		{`[0.5e-16383]`, ``, true},
	}
	for _, tt := range tests {
		got, err := cleanJSON(json.RawMessage(tt.raw))
		if tt.bad != errors.Is(err, ontology.ErrBadRow) || !tt.bad && string(got) != tt.want {
			t.Errorf("cleanJSON(%s) = %s, %v; want %s (bad %v)", tt.raw, got, err, tt.want, tt.bad)
		}
	}
}

// FuzzCleanJSON: cleaning keeps valid JSON valid, leaves no NUL character
// in any string, and changes nothing in JSON that has no escape and is
// valid UTF-8.
func FuzzCleanJSON(f *testing.F) {
	f.Add(`{"a":"\u0000"}`)
	f.Add(`["\\u0000", "\ud800x", "\udbff\udfff"]`)
	f.Add(`{"logo":"a.png","n":1.5e-3}`)
	f.Add("\"\xff\xfe\"")
	f.Fuzz(func(t *testing.T, raw string) {
		if !json.Valid([]byte(raw)) {
			t.Skip()
		}
		got, err := cleanJSON(json.RawMessage(raw))
		if err != nil {
			if !errors.Is(err, ontology.ErrBadRow) {
				t.Fatalf("cleanJSON(%q): %v", raw, err)
			}
			return
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(got))
		dec.UseNumber() // numbers beyond float64 are fine for PostgreSQL
		if !utf8.Valid(got) || dec.Decode(&v) != nil || holdsNUL(v) {
			t.Fatalf("cleanJSON(%q) = %q: not storable JSON", raw, got)
		}
		if utf8.ValidString(raw) && !strings.Contains(raw, `\u`) && string(got) != raw {
			t.Fatalf("cleanJSON(%q) = %q, want it unchanged", raw, got)
		}
	})
}

// holdsNUL reports whether a decoded JSON value has a NUL character in a
// string or an object key.
func holdsNUL(v any) bool {
	switch v := v.(type) {
	case string:
		return strings.IndexByte(v, 0) >= 0
	case []any:
		for _, e := range v {
			if holdsNUL(e) {
				return true
			}
		}
	case map[string]any:
		for k, e := range v {
			if holdsNUL(k) || holdsNUL(e) {
				return true
			}
		}
	}
	return false
}

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{"plain": "plain", "a\x00b": "a\uFFFDb", "\xffx": "\uFFFDx", "é": "é"} {
		if got := cleanText(in); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
