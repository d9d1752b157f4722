package sign

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The Standard Webhooks specification's published test vector.
const (
	vectorSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
	vectorID     = "msg_p5jXN8AQM9LWM0D4loKWxJek"
	vectorTS     = 1614265330
	vectorBody   = `{"test": 2432232314}`
	vectorSig    = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
)

func TestSignatureMatchesTheStandardWebhooksVector(t *testing.T) {
	for _, text := range []string{vectorSecret, strings.TrimPrefix(vectorSecret, "whsec_")} {
		s, err := ParseSecret(text)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Signature(vectorID, time.Unix(vectorTS, 0), []byte(vectorBody)); got != vectorSig {
			t.Errorf("Signature = %s, want %s", got, vectorSig)
		}
		h := s.Headers(vectorID, time.Unix(vectorTS, 0), []byte(vectorBody))
		if h[HeaderID] != vectorID || h[HeaderTimestamp] != strconv.Itoa(vectorTS) || h[HeaderSignature] != vectorSig {
			t.Errorf("Headers = %v", h)
		}
	}
}

func TestVerify(t *testing.T) {
	s, _ := ParseSecret(vectorSecret)
	other, _ := ParseSecret("whsec_" + strings.Repeat("QUFB", 8))
	at := time.Unix(vectorTS, 0)
	ts := strconv.Itoa(vectorTS)
	tests := []struct {
		name    string
		secret  Secret
		ts, sig string
		body    string
		now     time.Time
		want    error
	}{
		{"the vector", s, ts, vectorSig, vectorBody, at, nil},
		{"one of several signatures", s, ts, "v1,bm9wZQ== v2,xyz " + vectorSig, vectorBody, at.Add(Tolerance), nil},
		{"another body", s, ts, vectorSig, `{"test": 2432232315}`, at, ErrSignature},
		{"another secret", other, ts, vectorSig, vectorBody, at, ErrSignature},
		{"unversioned", s, ts, strings.TrimPrefix(vectorSig, "v1,"), vectorBody, at, ErrSignature},
		{"too old", s, ts, vectorSig, vectorBody, at.Add(Tolerance + time.Second), ErrTimestamp},
		{"from the future", s, ts, vectorSig, vectorBody, at.Add(-Tolerance - time.Second), ErrTimestamp},
		{"malformed timestamp", s, "soon", vectorSig, vectorBody, at, ErrTimestamp},
	}
	for _, tt := range tests {
		if err := tt.secret.Verify(vectorID, tt.ts, tt.sig, []byte(tt.body), tt.now); !errors.Is(err, tt.want) {
			t.Errorf("%s: Verify = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestParseSecretRefusesShortOrMalformedKeys(t *testing.T) {
	for _, text := range []string{"", "whsec_", "whsec_not base64!", "whsec_" + strings.Repeat("QUFB", 7)} {
		if _, err := ParseSecret(text); !errors.Is(err, ErrSecret) {
			t.Errorf("ParseSecret(%q) = %v, want ErrSecret", text, err)
		}
	}
	s, err := ParseSecret(vectorSecret)
	if err != nil || s.IsZero() || strings.Contains(s.String(), "MfKQ") {
		t.Errorf("ParseSecret(vector) = %v, %v (String must hide the key)", s, err)
	}
}

// FuzzVerify: no input makes Verify panic, and a freshly signed body
// always verifies.
func FuzzVerify(f *testing.F) {
	f.Add("msg_1", "1614265330", vectorSig, []byte(vectorBody))
	s, _ := ParseSecret(vectorSecret)
	f.Fuzz(func(t *testing.T, id, ts, sig string, body []byte) {
		_ = s.Verify(id, ts, sig, body, time.Unix(vectorTS, 0))
		at := time.Unix(vectorTS, 0)
		if err := s.Verify(id, strconv.Itoa(vectorTS), s.Signature(id, at, body), body, at); err != nil {
			t.Fatalf("a fresh signature does not verify: %v", err)
		}
	})
}

func TestSecretEqual(t *testing.T) {
	a, _ := ParseSecret(vectorSecret)
	b, _ := ParseSecret(strings.TrimPrefix(vectorSecret, "whsec_"))
	c, _ := ParseSecret("whsec_" + strings.Repeat("QUFB", 8))
	if !a.Equal(b) || a.Equal(c) || a.Equal(Secret{}) {
		t.Fatal("Equal compares keys")
	}
}
