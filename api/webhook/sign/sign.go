// Package sign signs and verifies webhook payloads the Standard Webhooks
// way (https://www.standardwebhooks.com): three headers, webhook-id,
// webhook-timestamp (Unix seconds) and webhook-signature, the last a
// space-separated list of "v1,<base64 HMAC-SHA256>" over
// "<id>.<timestamp>.<body>", keyed with the bytes of a secret written
// "whsec_<base64>". Receivers can verify with any Standard Webhooks
// library. Standard library only; no I/O.
//
// Why hand-written: the scheme is one HMAC-SHA256 (crypto/hmac) over a
// fixed string and a header of candidates compared in constant time
// (hmac.Equal), about forty lines; the maintained Go implementations ship
// inside whole API-client modules for this. The tests check the
// specification's published test vector, so an interoperability slip
// would show.
package sign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Header names.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// secretPrefix starts a secret's text form.
const secretPrefix = "whsec_"

// MinSecretBytes is the shortest key accepted (Standard Webhooks asks for
// 24 to 64 random bytes).
const MinSecretBytes = 24

// Tolerance is how far a timestamp may be from now for Verify.
const Tolerance = 5 * time.Minute

// Errors of ParseSecret and Verify. They never contain a secret.
var (
	ErrSecret    = errors.New("sign: the secret must be whsec_ followed by the base64 of at least 24 bytes")
	ErrSignature = errors.New("sign: no matching signature")
	ErrTimestamp = errors.New("sign: timestamp missing, malformed or too far from now")
)

// Secret is a signing key. Its String never shows the key.
type Secret struct{ key []byte }

// ParseSecret reads "whsec_<base64>" (the prefix is optional, as in the
// reference libraries).
func ParseSecret(s string) (Secret, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), secretPrefix)
	key, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(key) < MinSecretBytes {
		return Secret{}, ErrSecret
	}
	return Secret{key: key}, nil
}

// String implements fmt.Stringer without revealing the key.
func (Secret) String() string { return "whsec_…" }

// IsZero reports whether s holds no key.
func (s Secret) IsZero() bool { return len(s.key) == 0 }

// Signature is the webhook-signature value of body sent as message id at
// ts: "v1,<base64 HMAC-SHA256 of id.timestamp.body>".
func (s Secret) Signature(id string, ts time.Time, body []byte) string {
	return "v1," + base64.StdEncoding.EncodeToString(s.mac(id, strconv.FormatInt(ts.Unix(), 10), body))
}

// Headers returns the three headers of a signed message.
func (s Secret) Headers(id string, ts time.Time, body []byte) map[string]string {
	return map[string]string{HeaderID: id, HeaderTimestamp: strconv.FormatInt(ts.Unix(), 10),
		HeaderSignature: s.Signature(id, ts, body)}
}

// Verify checks a received message: the timestamp is within Tolerance of
// now and one of the v1 signatures in sigHeader matches (constant time).
func (s Secret) Verify(id, timestamp, sigHeader string, body []byte, now time.Time) error {
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrTimestamp
	}
	if d := now.Sub(time.Unix(sec, 0)); d > Tolerance || d < -Tolerance {
		return ErrTimestamp
	}
	want := s.mac(id, timestamp, body)
	for _, part := range strings.Fields(sigHeader) {
		version, sig, ok := strings.Cut(part, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(sig)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	return ErrSignature
}

// mac is the HMAC-SHA256 of "id.timestamp.body".
func (s Secret) mac(id, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// Equal reports whether s and o are the same key (in constant time).
func (s Secret) Equal(o Secret) bool { return hmac.Equal(s.key, o.key) }
