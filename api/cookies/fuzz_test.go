package cookies

import (
	"net/http"
	"testing"

	"github.com/authledger/authledger/domain"
)

// FuzzVerify: Verify never panics, and whatever it accepts is exactly what
// Sign produces for the returned value (no malleable encodings).
func FuzzVerify(f *testing.F) {
	f.Add(Sign(testSecret, aliceToken))
	f.Add(Sign(testSecret, "true"))
	f.Add("")
	f.Add(".")
	f.Add("a." + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
	f.Add("acRfxdS6WnQST17diJBRjISoC4FGbOCD.ov8z5fh793HtF7tpaDGv+Mcw7LNgkEZmH4aV+ujnBwI=")
	f.Fuzz(func(t *testing.T, signed string) {
		value, ok := Verify(testSecret, signed)
		if ok && Sign(testSecret, value) != signed {
			t.Fatalf("Verify accepted %q, which Sign(%q) does not produce", signed, value)
		}
	})
}

// FuzzParseRequest: any Cookie and Authorization header pair parses without
// panicking; an accepted token is either a token-shaped bearer or carries a
// valid signature in one of the places it was read from.
func FuzzParseRequest(f *testing.F) {
	good := EncodeURIComponent(Sign(testSecret, aliceToken))
	f.Add("better-auth.session_token="+good, "")
	f.Add("", "Bearer "+aliceToken)
	f.Add("", "Bearer "+good)
	f.Add("better-auth.session_token=%", "bearer .")
	f.Add(`better-auth.session_token="`+good+`"`, "Bearer x.y")
	f.Add("better-auth.session_token_multi-x="+good+"; better-auth.session_token_multi-"+aliceToken+"="+good, "")
	f.Fuzz(func(t *testing.T, cookie, authz string) {
		r := &http.Request{Header: http.Header{"Cookie": {cookie}, "Authorization": {authz}}}
		cfg := Config{Secret: testSecret}
		token, ok := ParseRequest(r, cfg)
		for _, m := range MultiTokens(r, cfg) {
			if m == "" {
				t.Fatal("MultiTokens returned an empty token")
			}
		}
		if !ok {
			return
		}
		if domain.ValidID(token) {
			return
		}
		if _, viaBearer := bearerToken(r, cfg); viaBearer {
			return
		}
		if _, viaCookie := ReadSigned(r, cfg, SessionToken); !viaCookie {
			t.Fatalf("token %q accepted from neither bearer nor cookie", token)
		}
	})
}
