package cookies

import (
	"net/http"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/token"

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

// FuzzReadMulti: any Cookie header and asked token read without panicking;
// an accepted token is the asked one (up to case), token-shaped, and
// signed by the server.
func FuzzReadMulti(f *testing.F) {
	cfg := Config{Secret: testSecret}
	good := EncodeURIComponent(Sign(testSecret, aliceToken))
	f.Add(cfg.MultiName(aliceToken)+"="+good, aliceToken)
	f.Add(cfg.MultiName(aliceToken)+"="+good, "ACRFXDS6WNQST17DIJBRJISOC4FGBOCD")
	f.Add("better-auth.session_token="+good, aliceToken)
	f.Add(cfg.MultiName("x")+"=%", "x")
	f.Fuzz(func(t *testing.T, cookie, ask string) {
		r := &http.Request{Header: http.Header{"Cookie": {cookie}}}
		tok, ok := ReadMulti(r, cfg, ask)
		if !ok {
			return
		}
		if !strings.EqualFold(tok, ask) || !token.Valid(tok) {
			t.Fatalf("ReadMulti(%q) accepted %q", ask, tok)
		}
	})
}
