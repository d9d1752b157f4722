package cookies

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/authledger/authledger/api/token"

	"github.com/google/go-cmp/cmp"
)

// TestParseRequestRejects: unsigned, tampered, truncated and malformed
// cookies and bearer tokens resolve to no session.
func TestParseRequestRejects(t *testing.T) {
	cfg := Config{Secret: testSecret}
	good := Sign(testSecret, aliceToken)
	tampered := good[:len(good)-6] + "AAAAA="
	random32 := base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	tests := []struct{ name, cookie string }{
		{"forged with another secret", "better-auth.session_token=" + EncodeURIComponent(Sign([]byte("other"), aliceToken))},
		{"tampered signature (transcript style)", "better-auth.session_token=" + EncodeURIComponent(tampered)},
		{"tampered token", "better-auth.session_token=" + EncodeURIComponent("b"+good[1:])},
		{"truncated", "better-auth.session_token=" + EncodeURIComponent(good[:len(good)-1])},
		{"signature without padding", "better-auth.session_token=" + EncodeURIComponent(good[:len(good)-1]+"A")},
		{"random 32 bytes", "better-auth.session_token=" + random32},
		{"empty", "better-auth.session_token="},
		{"only a signature", "better-auth.session_token=" + EncodeURIComponent(good[len(aliceToken):])},
		{"5 KB", "better-auth.session_token=" + strings.Repeat("A", 5000) + EncodeURIComponent(good[len(aliceToken):])},
		{"row 27 attacker-chosen id", "better-auth.session_token=" + aliceToken},
		{"row 27 other cookie name", "__Host-session=" + EncodeURIComponent(good)},
		{"secure name on a plain config", "__Secure-better-auth.session_token=" + EncodeURIComponent(good)},
		{"malformed escape", "better-auth.session_token=" + good[:10] + "%zz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if token, ok := ParseRequest(newRequest(tt.cookie, ""), cfg); ok {
				t.Errorf("ParseRequest accepted %q → %q", tt.cookie, token)
			}
		})
	}
}

func TestParseRequestAccepts(t *testing.T) {
	plain := Config{Secret: testSecret}
	secure := Config{Secret: testSecret, Secure: true}
	signed := Sign(testSecret, aliceToken)
	enc := EncodeURIComponent(signed)
	tests := []struct {
		name          string
		cfg           Config
		cookie, authz string
	}{
		{"cookie", plain, "better-auth.session_token=" + enc, ""},
		{"cookie among others", plain, "a=b; better-auth.session_data=x; better-auth.session_token=" + enc + "; z=1", ""},
		{"first of two cookies wins", plain, "better-auth.session_token=" + enc + "; better-auth.session_token=bad", ""},
		{"secure cookie", secure, "__Secure-better-auth.session_token=" + enc, ""},
		{"bearer raw token", plain, "", "Bearer " + aliceToken},
		{"bearer signed", plain, "", "Bearer " + signed},
		{"bearer signed URL-encoded", plain, "", "Bearer " + enc},
		{"bearer lower-case scheme", plain, "", "bearer   " + signed + " "},
		{"bad bearer falls back to the cookie", plain, "better-auth.session_token=" + enc, "Bearer x.y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			token, ok := ParseRequest(newRequest(tt.cookie, tt.authz), tt.cfg)
			if !ok || token != aliceToken {
				t.Errorf("ParseRequest = %q, %v; want %q, true", token, ok, aliceToken)
			}
		})
	}
}

func TestParseRequestBearerRejects(t *testing.T) {
	cfg := Config{Secret: testSecret}
	for _, authz := range []string{
		"Bearer ", "Bearer short", "Bearer " + aliceToken + "!", "Basic " + aliceToken,
		"Bearer " + Sign([]byte("other"), aliceToken), "Bearer " + strings.Repeat("a", 20000),
		"Bearer" + aliceToken,
	} {
		if token, ok := ParseRequest(newRequest("", authz), cfg); ok {
			t.Errorf("ParseRequest(Authorization: %.40q) = %q, want not ok", authz, token)
		}
	}
}

func TestBearerWinsOverCookie(t *testing.T) {
	cfg := Config{Secret: testSecret}
	other := "BPTDrylrpaFw1RFuyYHDLEQxyTn1gTog"
	r := newRequest("better-auth.session_token="+EncodeURIComponent(Sign(testSecret, aliceToken)), "Bearer "+other)
	if token, _ := ParseRequest(r, cfg); token != other {
		t.Errorf("token = %q, want the bearer's %q", token, other)
	}
}

func TestReadSigned(t *testing.T) {
	cfg := Config{Secret: testSecret}
	r := newRequest("better-auth.two_factor="+EncodeURIComponent(Sign(testSecret, "2fa-abc"))+
		"; better-auth.dont_remember="+EncodeURIComponent(Sign(testSecret, "true")), "")
	if v, ok := ReadSigned(r, cfg, TwoFactor); !ok || v != "2fa-abc" {
		t.Errorf("two_factor = %q, %v", v, ok)
	}
	if v, ok := ReadSigned(r, cfg, DontRemember); !ok || v != "true" {
		t.Errorf("dont_remember = %q, %v", v, ok)
	}
	if _, ok := ReadSigned(r, cfg, TrustDevice); ok {
		t.Error("absent trust_device cookie read as present")
	}
}

func TestMultiTokens(t *testing.T) {
	cfg := Config{Secret: testSecret}
	a, b := aliceToken, "d7EqDu0CxBGNrk3ju57zejSGhpJBUU9k"
	multi := func(name, token string) string {
		return name + "=" + EncodeURIComponent(Sign(testSecret, token))
	}
	header := strings.Join([]string{
		multi("better-auth.session_token", a),
		multi(cfg.MultiName(b), b),
		multi(cfg.MultiName(a), a),
		multi(cfg.MultiName(a), a),                                            // duplicate
		multi(cfg.MultiName("x"+a[1:]), a),                                    // name does not match token
		cfg.MultiName(b) + "=" + EncodeURIComponent(Sign([]byte("other"), b)), // forged
		multi("evil_multi-"+strings.ToLower(a), a),                            // other prefix
	}, "; ")
	got := MultiTokens(newRequest(header, ""), cfg)
	if diff := cmp.Diff(got, []string{b, a}); diff != "" {
		t.Errorf("MultiTokens (-got +want):\n%s", diff)
	}
}

func TestMultiTokensCap(t *testing.T) {
	cfg := Config{Secret: testSecret}
	var parts []string
	for range 40 {
		tok, err := token.New(nil)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, cfg.MultiName(tok)+"="+EncodeURIComponent(Sign(testSecret, tok)))
	}
	if got := MultiTokens(newRequest(strings.Join(parts, "; "), ""), cfg); len(got) != MaxMultiSessions {
		t.Errorf("len(MultiTokens) = %d, want %d", len(got), MaxMultiSessions)
	}
}

func TestReadMulti(t *testing.T) {
	cfg := Config{Secret: testSecret}
	a, b := aliceToken, "d7EqDu0CxBGNrk3ju57zejSGhpJBUU9k"
	multi := func(name, token string) string {
		return name + "=" + EncodeURIComponent(Sign(testSecret, token))
	}
	tests := []struct {
		name, header, ask, want string
	}{
		{"present", multi(cfg.MultiName(a), a), a, a},
		{"asked in another case", multi(cfg.MultiName(a), a), strings.ToUpper(a), a},
		{"absent", multi(cfg.MultiName(b), b), a, ""},
		{"session cookie is not a multi cookie", multi("better-auth.session_token", a), a, ""},
		{"forged", cfg.MultiName(a) + "=" + EncodeURIComponent(Sign([]byte("other"), a)), a, ""},
		{"signed token does not match the name", multi(cfg.MultiName(a), b), a, ""},
		{"not a token", multi(cfg.MultiName("x"), "x"), "x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ReadMulti(newRequest(tt.header, ""), cfg, tt.ask)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("ReadMulti = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}
