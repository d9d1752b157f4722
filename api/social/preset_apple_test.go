package social

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/go-cmp/cmp"
)

// appleProvider is the Apple preset of the tests with the key pemText.
func appleProvider(pemText string) Provider {
	return Provider{ID: "apple", Preset: PresetApple, ClientID: "com.example.web", TeamID: "TEAM123456",
		KeyID: "KEY1234567", PrivateKey: pemText}
}

// recordedApple replays Apple's token endpoint and keys.
func recordedApple(t *testing.T, over map[string]any) *recorded {
	rec := newRecorded(t, "apple")
	rec.token("POST appleid.apple.com/auth/token", "token.json", rec.claims("id_token.json", over))
	rec.jwks("GET appleid.apple.com/auth/keys")
	return rec
}

// TestApplePreset: Apple's ID token is verified with Apple's keys; its
// email_verified may be the string "true"; it names nobody (the name
// comes from the form POST's user JSON). The token request carries the
// client secret JWT and no PKCE verifier.
func TestApplePreset(t *testing.T) {
	sub, relay := "001234.0a1b2c3d4e5f60718293a4b5c6d7e8f9.1234", "xk8p3v2q9d@privaterelay.appleid.com"
	tests := []struct {
		name string
		over map[string]any
		want identity
		ok   bool
	}{
		{"recorded, email_verified \"true\"", nil, identity{Subject: sub, Email: relay, Verified: true}, true},
		{"email_verified true", map[string]any{"email_verified": true}, identity{Subject: sub, Email: relay, Verified: true}, true},
		{"email_verified \"false\"", map[string]any{"email_verified": "false"}, identity{Subject: sub, Email: relay}, true},
		{"other issuer", map[string]any{"iss": "https://appleid.apple.com.example"}, identity{}, false},
		{"other audience", map[string]any{"aud": "com.example.other"}, identity{}, false},
		{"other nonce", map[string]any{"nonce": "nonce-2"}, identity{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pemText, key := appleKeyPair(t)
			rec := recordedApple(t, tt.over)
			got, err := rec.signIn(rec.upstream(appleProvider(pemText)))
			if (err == nil) != tt.ok {
				t.Fatalf("sign-in error %v, want ok=%v", err, tt.ok)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("identity (-want +got):\n%s", diff)
			}
			form := rec.lastForm()
			if form.Get("client_id") != "com.example.web" || form.Get("code_verifier") != "" {
				t.Errorf("token request %v", form)
			}
			checkAppleSecret(t, form.Get("client_secret"), &key.PublicKey)
		})
	}
}

// checkAppleSecret verifies secret with the team's public key: ES256,
// kid the key id, iss the team, sub the Services ID, aud Apple as a
// string, exp after iat by at most six months.
func checkAppleSecret(t *testing.T, secret string, pub *ecdsa.PublicKey) {
	t.Helper()
	tok, err := jwt.Parse(secret, func(tok *jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithTimeFunc(func() time.Time { return presetClock }))
	if err != nil {
		t.Fatalf("client secret does not verify: %v", err)
	}
	c := tok.Claims.(jwt.MapClaims)
	if tok.Header["kid"] != "KEY1234567" || c["iss"] != "TEAM123456" || c["sub"] != "com.example.web" ||
		c["aud"] != "https://appleid.apple.com" {
		t.Errorf("client secret header %v claims %v", tok.Header, c)
	}
	iat, _ := c.GetIssuedAt()
	exp, _ := c.GetExpirationTime()
	if iat == nil || exp == nil || !iat.Equal(presetClock) || exp.Sub(iat.Time) > 15777000*time.Second || !exp.After(iat.Time) {
		t.Errorf("client secret dated iat %v exp %v", iat, exp)
	}
}

// TestAppleSecretRenewal: the client secret is kept while young and
// signed anew at half its life, always before it expires.
func TestAppleSecretRenewal(t *testing.T) {
	now := presetClock
	a, err := newAppleSecret(appleProvider(applePEM(t)), func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	first, _ := a.get()
	now = now.Add(appleSecretLifetime/2 - time.Second)
	if again, _ := a.get(); again != first {
		t.Error("a young secret was replaced")
	}
	now = now.Add(time.Second)
	renewed, _ := a.get()
	if renewed == first {
		t.Fatal("a secret at half its life was kept")
	}
	tok, _, err := jwt.NewParser().ParseUnverified(renewed, jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	if exp, _ := tok.Claims.GetExpirationTime(); !exp.Equal(now.Add(appleSecretLifetime)) {
		t.Errorf("renewed secret expires %v", exp)
	}
}

// TestAppleFirstSignInName: the form POST's user JSON gives the name on
// the first sign-in; it is untrusted, so an oversized, malformed or
// invalid one gives none.
func TestAppleFirstSignInName(t *testing.T) {
	rec := newRecorded(t, "apple")
	up := rec.upstream(appleProvider(applePEM(t))).(*appleUpstream)
	tests := []struct{ name, user, want string }{
		{"recorded", string(rec.fixture("user.json")), "Jane Appleseed"},
		{"first name only", `{"name":{"firstName":" Jane "}}`, "Jane"},
		{"none", "", ""},
		{"no name", `{"email":"x@privaterelay.appleid.com"}`, ""},
		{"malformed", `{"name":`, ""},
		{"control characters", `{"name":{"firstName":"Jane\u0007","lastName":"A"}}`, ""},
		{"too long a name", `{"name":{"firstName":"` + strings.Repeat("J", 300) + `"}}`, ""},
		{"oversized", `{"name":{"firstName":"Jane"},"pad":"` + strings.Repeat(" ", MaxAppleUser) + `"}`, ""},
	}
	for _, tt := range tests {
		if got := up.nameFromUser(tt.user); got != tt.want {
			t.Errorf("%s: name %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestAppleKeyChecks: the private key must be an ES256 (P-256) key in
// PEM; errors never quote it.
func TestAppleKeyChecks(t *testing.T) {
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	rsaDER, _ := x509.MarshalPKCS8PrivateKey(rsaKey)
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	p384DER, _ := x509.MarshalPKCS8PrivateKey(p384)
	sec1, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	sec1DER, _ := x509.MarshalECPrivateKey(sec1)
	tests := []struct {
		name, pem string
		ok        bool
	}{
		{"PKCS #8 P-256 (.p8)", applePEM(t), true},
		{"SEC 1 P-256", string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1DER})), true},
		{"P-384", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p384DER})), false},
		{"RSA", string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: rsaDER})), false},
		{"not PEM", "MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg", false},
	}
	for _, tt := range tests {
		err := CheckPreset(appleProvider(tt.pem))
		if (err == nil) != tt.ok {
			t.Errorf("%s: %v, want ok=%v", tt.name, err, tt.ok)
		}
		if err != nil && tt.pem != "" && strings.Contains(err.Error(), tt.pem[:20]) {
			t.Errorf("%s: the error quotes the key: %v", tt.name, err)
		}
	}
}

// TestFormPostUser: of Apple's user JSON only the name goes on to the GET
// callback; an oversized, malformed or nameless one gives nothing.
func TestFormPostUser(t *testing.T) {
	tests := []struct{ user, want string }{
		{`{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"x@privaterelay.appleid.com"}`,
			`{"name":{"firstName":"Jane","lastName":"Appleseed"}}`},
		{`{"email":"x@privaterelay.appleid.com"}`, ""},
		{`{"name":"Jane"}`, ""},
		{`[`, ""},
		{`{"name":{"firstName":"` + strings.Repeat("J", MaxAppleUser) + `"}}`, ""},
	}
	for _, tt := range tests {
		if got := FormPostUser(tt.user); got != tt.want {
			t.Errorf("FormPostUser(%.40q) = %q, want %q", tt.user, got, tt.want)
		}
	}
}

// FuzzAppleUser: whatever user JSON a form POST carries, what travels on
// is "" or a bounded name-only JSON, and the name taken from it is "" or a
// valid display name.
func FuzzAppleUser(f *testing.F) {
	f.Add(`{"name":{"firstName":"Jane","lastName":"Appleseed"},"email":"x@privaterelay.appleid.com"}`)
	f.Add(`{"name":{"firstName":"\u0000"}}`)
	f.Add(`{"name":{"firstName":1}}`)
	f.Add(`[`)
	up := &appleUpstream{}
	f.Fuzz(func(t *testing.T, raw string) {
		out := FormPostUser(raw)
		if len(out) > MaxAppleUser*6 || out != "" && !strings.HasPrefix(out, `{"name":{`) {
			t.Fatalf("FormPostUser(%q) = %q", raw, out)
		}
		for _, in := range []string{raw, out} {
			if n := up.nameFromUser(in); n != "" && domain.ValidName(n) != nil {
				t.Fatalf("name %q from %q", n, in)
			}
		}
	})
}
