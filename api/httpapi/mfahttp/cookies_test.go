package mfahttp

import (
	"strings"
	"testing"
	"time"
)

// FuzzTwoFactorCookieValues checks the parsers of the signed two_factor
// and trust_device values: whatever they accept has valid ids and a
// positive time, and prints back to the same value.
func FuzzTwoFactorCookieValues(f *testing.F) {
	id := strings.Repeat("a", 32)
	for _, s := range []string{id + "!" + id + "!1795770030000!1", id + "!" + id + "!1795770030000", "", "!!!",
		id + "!" + id + "!-1!0", id + "!" + id + "!99999999999999999999!1", "a!b!c!d!e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if ch, ok := parseChallenge(v); ok {
			if ch.Expires.Before(time.UnixMilli(1)) || challengeValue(ch) != v {
				t.Fatalf("challenge %q parsed to %+v (%q)", v, ch, challengeValue(ch))
			}
		}
		if d, ok := parseDevice(v); ok && deviceValue(d) != v {
			t.Fatalf("trust %q parsed to %+v (%q)", v, d, deviceValue(d))
		}
	})
}
