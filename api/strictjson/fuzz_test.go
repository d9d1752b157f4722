package strictjson

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type fuzzBody struct {
	Name   string         `json:"name"`
	Tags   []string       `json:"tags,omitempty"`
	Count  *int           `json:"count,omitempty"`
	Flag   bool           `json:"flag,omitempty"`
	Meta   map[string]any `json:"meta,omitempty"`
	Nested *struct {
		A string `json:"a"`
	} `json:"nested,omitempty"`
}

// FuzzDecode: Decode never panics; when it accepts a body, the body was
// valid UTF-8 JSON, the result re-encodes, and decoding the re-encoding
// gives the same value.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{
		``, `{}`, `{"name":"a"}`, `{"name":"a","name":"b"}`, `{"NAME":"a"}`, `{"name":["a"]}`,
		`{"tags":["a","b"],"count":3,"flag":true,"meta":{"k":[1,{"x":null}]},"nested":{"a":"b"}}`,
		`{"meta":{"a":1,"A":2}}`, `{"x-extra":1}`, "{\"name\":\"\xff\"}", `{"name":"\ud800"}`,
		`{"count":1e400}`, `{"meta":{"n":1e400}}`, `{"name":"a"} x`, `[` + strings.Repeat("[", 40),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var got fuzzBody
		err := Decode(body, &got)
		extraAllowed := func(k string) bool { return strings.HasPrefix(k, "x-") }
		var withExtra fuzzBody
		extras, errExtra := DecodeWithExtra(body, &withExtra, extraAllowed)
		if err == nil && errExtra != nil {
			t.Fatalf("Decode accepted but DecodeWithExtra refused: %v", errExtra)
		}
		if errExtra == nil {
			for k, v := range extras {
				if !extraAllowed(k) || !json.Valid(v) {
					t.Fatalf("extra %q = %s was not allowed or not valid JSON", k, v)
				}
			}
		}
		if err != nil {
			return
		}
		if len(strings.TrimSpace(string(body))) > 0 && (!utf8.Valid(body) || !json.Valid(body)) {
			t.Fatalf("accepted a body that is not valid UTF-8 JSON: %q", body)
		}
		out, mErr := json.Marshal(got)
		if mErr != nil {
			t.Fatalf("accepted value does not re-encode: %v", mErr)
		}
		var again fuzzBody
		if err := Decode(out, &again); err != nil {
			t.Fatalf("re-encoding %s refused: %v", out, err)
		}
		if diff := cmp.Diff(again, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip changed the value (-again +got):\n%s", diff)
		}
	})
}
