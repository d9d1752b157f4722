package passkey

import (
	"testing"
	"time"
)

// FuzzDecodeCeremony: any cookie value decodes or is refused, never panics.
func FuzzDecodeCeremony(f *testing.F) {
	f.Add("")
	f.Add("eyJjaGFsbGVuZ2UiOiJhYmMifQ")
	f.Add(b64.EncodeToString([]byte(`{"challenge":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","expires":"2026-11-27T09:05:00Z"}`)))
	f.Fuzz(func(t *testing.T, s string) {
		c, err := DecodeCeremony(s)
		if err == nil && len(c.Challenge()) < 43 {
			t.Fatalf("accepted a short challenge %q", c.Challenge())
		}
	})
}

// FuzzParseAssertion: any answer body parses or is refused, and a parsed
// one never verifies against an unrelated ceremony.
func FuzzParseAssertion(f *testing.F) {
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"id":"AA","rawId":"AA","type":"public-key","response":{"authenticatorData":"","clientDataJSON":"","signature":""}}`))
	r, err := New(RP{ID: "localhost", Name: "x", Origins: []string{origin}})
	if err != nil {
		f.Fatal(err)
	}
	_, c, err := r.BeginLogin(t0)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := ParseAssertion(body)
		if err != nil {
			return
		}
		if _, err := r.FinishLogin(c, a, User{ID: a.UserHandle}, t0.Add(time.Second)); err == nil {
			t.Fatal("a fuzzed assertion verified")
		}
	})
}
