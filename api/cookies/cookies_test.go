package cookies

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testSecret is the secret testdata/better-call-1.4.5.json was generated
// with, by better-call 1.4.5's own serializeSignedCookie/serializeCookie.
var testSecret = []byte("authledger-test-secret-0123456789abcdef")

const aliceToken = "acRfxdS6WnQST17diJBRjISoC4FGbOCD"

func golden(t *testing.T) map[string]string {
	t.Helper()
	raw, err := os.ReadFile("testdata/better-call-1.4.5.json")
	if err != nil {
		t.Fatal(err)
	}
	var g map[string]string
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// TestBuildersMatchBetterCall compares every builder byte for byte with the
// Set-Cookie strings better-call produced for the same secret and token.
func TestBuildersMatchBetterCall(t *testing.T) {
	g := golden(t)
	plain := Config{Secret: testSecret}
	secure := Config{Secret: testSecret, Secure: true}
	tests := []struct {
		key, got string
	}{
		{"session", plain.SessionCookie(aliceToken, true)},
		{"sessionNoRemember", plain.SessionCookie(aliceToken, false)},
		{"dontRemember", plain.DontRememberCookie()},
		{"multi", plain.MultiSessionCookie(aliceToken, true)},
		{"secureSession", secure.SessionCookie(aliceToken, true)},
		{"expire", plain.ExpireCookie(SessionToken)},
		{"expireSecure", secure.ExpireCookie(DontRemember)},
		{"twoFactor", plain.SignedCookie(TwoFactor, "2fa-bRCHhIoz3mcAnOnpiO8f", 600e9)},
	}
	for _, tt := range tests {
		if want := g[tt.key]; tt.got != want {
			t.Errorf("%s:\n got  %s\n want %s", tt.key, tt.got, want)
		}
	}
}

// TestSignInAndSignOutCookies checks order and shape against the
// recorded Better Auth sign-in (rememberMe default and false) and sign-out.
func TestSignInAndSignOutCookies(t *testing.T) {
	cfg := Config{Secret: testSecret}
	g := golden(t)
	got := cfg.SignInCookies(aliceToken, false)
	// the multi-session cookie follows rememberMe (no Max-Age), where
	// better-call keeps the full Max-Age: a deliberate difference
	multiNoRemember := strings.Replace(g["multi"], "; Max-Age=604800", "", 1)
	if multiNoRemember == g["multi"] {
		t.Fatalf("golden multi cookie has no Max-Age: %s", g["multi"])
	}
	want := []string{g["sessionNoRemember"], g["dontRemember"], multiNoRemember}
	if diff := cmp.Diff(got, want); diff != "" {
		t.Errorf("rememberMe:false cookies (-got +want):\n%s", diff)
	}
	if got := cfg.SignInCookies(aliceToken, true); len(got) != 2 || got[0] != g["session"] || got[1] != g["multi"] {
		t.Errorf("rememberMe default cookies = %q", got)
	}
	wantOut := []string{ // transcript: sign-out
		"better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
		"better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
		"better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
	}
	if diff := cmp.Diff(cfg.ExpireSessionCookies(), wantOut); diff != "" {
		t.Errorf("sign-out cookies (-got +want):\n%s", diff)
	}
	if got, want := cfg.ExpireMultiSessionCookie(aliceToken),
		"better-auth.session_token_multi-acrfxds6wnqst17dijbrjisoc4fgbocd=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"; got != want {
		t.Errorf("expire multi = %q, want %q", got, want)
	}
	if got, want := cfg.AuthToken(aliceToken), "acRfxdS6WnQST17diJBRjISoC4FGbOCD.roepxBBZj28cRLukYB0c4WOhR/tvh68jCw8cfDua7p8="; got != want {
		t.Errorf("set-auth-token = %q, want %q", got, want)
	}
	long := Config{Secret: testSecret, MaxAge: 24 * 3600e9}
	if got := long.SessionCookie("t", true); !strings.Contains(got, "; Max-Age=86400; ") {
		t.Errorf("MaxAge not applied: %q", got)
	}
}

// transcriptCookies are Set-Cookie values captured from Better Auth 1.7.25
// (secret unknown) with their set-auth-token header where one was sent.
var transcriptCookies = []struct{ cookie, authToken string }{
	{"acRfxdS6WnQST17diJBRjISoC4FGbOCD.ov8z5fh793HtF7tpaDGv%2BMcw7LNgkEZmH4aV%2BujnBwI%3D",
		"acRfxdS6WnQST17diJBRjISoC4FGbOCD.ov8z5fh793HtF7tpaDGv+Mcw7LNgkEZmH4aV+ujnBwI="},
	{"mH3J20aj0oMnnkdo8mhzctiWgL4S0RFL.BkwLqUpgeWF%2FvtWY4LCo0xUFPiiIH6kqH%2BcqyENVi8Y%3D",
		"mH3J20aj0oMnnkdo8mhzctiWgL4S0RFL.BkwLqUpgeWF/vtWY4LCo0xUFPiiIH6kqH+cqyENVi8Y="},
	{"VMf43pKHmULkBBAfhFn0NzYjZFC0x1xA.%2FZysxj8oarfAWIoa5kHBPIp91hQKCclp7aIfW%2BYt1Sk%3D",
		"VMf43pKHmULkBBAfhFn0NzYjZFC0x1xA./Zysxj8oarfAWIoa5kHBPIp91hQKCclp7aIfW+Yt1Sk="},
	{"true.%2FKi8qS9rnTYHbNUzQR2rRtYXk6I0ipoidjQsKnDoc0Q%3D", ""},
	{"2fa-bRCHhIoz3mcAnOnpiO8f.FE5uMicjbmdtt85OnL%2F%2FHzt8777jEzx9rFSHNx%2BM0l8%3D", ""},
	{"koU7d2pbGH8yJDzg4o_r4_ph908npi4rVrydgeP9y94!trust-device-ehoVQNSZ4ub6P6SeIZozdLVV-ZwDj46X.tyIx6HdVk2e4zkWooIYOfUvv8iXqfc4UB81qP8Z022Y%3D", ""},
}

// TestTranscriptCookiesSplitAndReencode: the captured values decode to
// value.signature, split at the last '.', carry a 44-char signature, equal
// set-auth-token, and our encoder turns them back into the same bytes.
func TestTranscriptCookiesSplitAndReencode(t *testing.T) {
	for _, tc := range transcriptCookies {
		decoded := tryDecode(tc.cookie)
		value, sig, ok := split(decoded)
		if !ok {
			t.Errorf("split(%q) failed", decoded)
			continue
		}
		if value+"."+sig != decoded || strings.Contains(sig, ".") {
			t.Errorf("split(%q) = %q, %q", decoded, value, sig)
		}
		if tc.authToken != "" && decoded != tc.authToken {
			t.Errorf("decoded cookie %q != set-auth-token %q", decoded, tc.authToken)
		}
		if got := EncodeURIComponent(decoded); got != tc.cookie {
			t.Errorf("EncodeURIComponent(%q) = %q, want %q", decoded, got, tc.cookie)
		}
		if _, ok := Verify(testSecret, decoded); ok {
			t.Errorf("a cookie signed with another secret verified: %q", decoded)
		}
	}
}

func TestEncodeURIComponentMatchesJavaScript(t *testing.T) {
	// node -e 'console.log(encodeURIComponent("a b+c/d=e!~*()\x27-_.é\u0000%"))'
	in := "a b+c/d=e!~*()'-_.é\x00%"
	want := "a%20b%2Bc%2Fd%3De!~*()'-_.%C3%A9%00%25"
	if got := EncodeURIComponent(in); got != want {
		t.Errorf("EncodeURIComponent = %q, want %q", got, want)
	}
	if got := tryDecode(want); got != in {
		t.Errorf("tryDecode = %q, want %q", got, in)
	}
	for _, s := range []string{"a+b", "%zz", "plain"} {
		if got := tryDecode(s); got != s {
			t.Errorf("tryDecode(%q) = %q, want it unchanged", s, got)
		}
	}
}

func newRequest(cookie, authorization string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/api/auth/get-session", nil)
	if cookie != "" {
		r.Header.Set("Cookie", cookie)
	}
	if authorization != "" {
		r.Header.Set("Authorization", authorization)
	}
	return r
}
