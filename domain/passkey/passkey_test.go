package passkey

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	vw "github.com/descope/virtualwebauthn"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

const origin = "http://localhost:8080"

func relying(t *testing.T) *Relying {
	t.Helper()
	r, err := New(RP{ID: "localhost", Name: "authledger", Origins: []string{origin}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// register runs a registration with the virtual authenticator and returns
// the stored credential, the authenticator and its credential.
func register(t *testing.T, r *Relying, u User) (Stored, vw.Authenticator, vw.Credential) {
	t.Helper()
	opts, c, err := r.BeginRegistration(u, "", t0)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(opts)
	ao, err := vw.ParseAttestationOptions(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	auth := vw.NewAuthenticatorWithOptions(vw.AuthenticatorOptions{UserHandle: []byte(u.ID)})
	cred := newEC2Credential()
	resp := vw.CreateAttestationResponse(vw.RelyingParty{Name: "authledger", ID: "localhost", Origin: origin}, auth, cred, *ao)
	s, err := r.FinishRegistration(u, c, []byte(resp), t0.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	auth.AddCredential(cred)
	return s, auth, cred
}

func assertion(t *testing.T, r *Relying, rp vw.RelyingParty, auth vw.Authenticator, cred vw.Credential) (Ceremony, Assertion) {
	t.Helper()
	opts, c, err := r.BeginLogin(t0)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(opts)
	ao, err := vw.ParseAssertionOptions(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseAssertion([]byte(vw.CreateAssertionResponse(rp, auth, cred, *ao)))
	if err != nil {
		t.Fatal(err)
	}
	return c, a
}

func TestRegisterAndSignIn(t *testing.T) {
	r := relying(t)
	u := User{ID: "P0000000000000000000000000000001", Name: "alice@example.com", DisplayName: "alice@example.com"}
	s, auth, cred := register(t, r, u)
	if s.CredentialID == "" || s.PublicKey == "" {
		t.Fatalf("stored = %+v", s)
	}
	u.Credentials = []Stored{s}
	cred.Counter = 7
	good := vw.RelyingParty{Name: "authledger", ID: "localhost", Origin: origin}
	tests := []struct {
		name    string
		rp      vw.RelyingParty
		at      time.Time
		wantErr error
	}{
		{"right origin and RP ID", good, t0.Add(time.Minute), nil},
		{"another origin", vw.RelyingParty{ID: "localhost", Origin: "http://evil.test"}, t0, ErrAuthenticationFailed},
		{"another RP ID", vw.RelyingParty{ID: "evil.test", Origin: origin}, t0, ErrAuthenticationFailed},
		{"after the TTL", good, t0.Add(ChallengeTTL), ErrChallengeExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, a := assertion(t, r, tt.rp, auth, cred)
			if a.CredentialID != s.CredentialID || a.UserHandle != u.ID {
				t.Fatalf("assertion names %s/%s", a.CredentialID, a.UserHandle)
			}
			res, err := r.FinishLogin(c, a, u, tt.at)
			if !errors.Is(err, tt.wantErr) && !(err == nil && tt.wantErr == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && res.SignCount != 7 {
				t.Errorf("sign count = %d, want 7", res.SignCount)
			}
		})
	}
}

func TestChallengeIsLongAndUnique(t *testing.T) {
	r := relying(t)
	seen := map[string]bool{}
	for range 50 {
		_, c, err := r.BeginLogin(t0)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := b64.DecodeString(c.Challenge())
		if err != nil || len(raw) < 32 {
			t.Fatalf("challenge %q: %d bytes, %v", c.Challenge(), len(raw), err)
		}
		if seen[c.Challenge()] {
			t.Fatalf("challenge %q drawn twice", c.Challenge())
		}
		seen[c.Challenge()] = true
	}
}

func TestCeremonyRoundTrip(t *testing.T) {
	r := relying(t)
	_, c, err := r.BeginRegistration(User{ID: "p", Name: "n", DisplayName: "n"}, "platform", t0)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := c.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeCeremony(enc)
	if err != nil {
		t.Fatal(err)
	}
	if got.Challenge() != c.Challenge() || !got.Registration() || !got.Session.Expires.Equal(t0.Add(ChallengeTTL)) {
		t.Errorf("decoded %+v, want %+v", got.Session, c.Session)
	}
	for _, bad := range []string{"", "!!", b64.EncodeToString([]byte(`{"challenge":"abc","expires":"2026-11-27T09:00:00Z"}`))} {
		if _, err := DecodeCeremony(bad); !errors.Is(err, ErrChallengeNotFound) {
			t.Errorf("DecodeCeremony(%q) = %v, want ErrChallengeNotFound", bad, err)
		}
	}
}

func TestNewRefusesBadRP(t *testing.T) {
	for _, rp := range []RP{{}, {ID: "a.test", Name: "x"}, {ID: "https://a.test", Name: "x", Origins: []string{"https://a.test"}},
		{ID: "a.test", Name: "x", Origins: []string{"a.test"}}} {
		if _, err := New(rp); !errors.Is(err, ErrInvalidConfig) {
			t.Errorf("New(%+v) = %v, want ErrInvalidConfig", rp, err)
		}
	}
}

// newEC2Credential draws a virtual P-256 credential whose COSE key has
// 32-byte coordinates. virtualwebauthn encodes them with big.Int.Bytes,
// so about one key in 128 has a short one, which go-webauthn rightly
// refuses (a real authenticator pads them); the test skips those keys.
func newEC2Credential() vw.Credential {
	for {
		c := vw.NewCredential(vw.KeyTypeEC2)
		if len(c.Key.AttestationData()) == 77 {
			return c
		}
	}
}
