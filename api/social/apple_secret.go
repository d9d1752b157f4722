package social

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"errors"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// appleSecretLifetime is how long a generated client secret is valid
// (Apple allows at most six months); a new one is made at half its life.
const appleSecretLifetime = 30 * 24 * time.Hour

// appleSecret makes Sign in with Apple's client secret: a JWT signed
// ES256 with the team's private key (header kid: the key id) whose iss
// is the team id, sub the client (Services) id, aud Apple, and exp at
// most six months after iat. It is kept and regenerated before it expires.
type appleSecret struct {
	teamID, keyID, clientID string
	key                     *ecdsa.PrivateKey
	now                     func() time.Time

	mu      sync.Mutex
	current string
	renew   time.Time
}

// ParseAppleKey parses the PEM of an Apple private key (the .p8 file,
// PKCS #8, or SEC 1): it must be an ECDSA P-256 key. The error never
// quotes the key.
func ParseAppleKey(pem string) (*ecdsa.PrivateKey, error) {
	key, err := jwt.ParseECPrivateKeyFromPEM([]byte(pem))
	if err != nil {
		return nil, errors.New("not a PEM-encoded EC private key")
	}
	if key.Curve != elliptic.P256() {
		return nil, errors.New("not a P-256 key (ES256)")
	}
	return key, nil
}

// newAppleSecret is p's client secret maker.
func newAppleSecret(p Provider, now func() time.Time) (*appleSecret, error) {
	key, err := ParseAppleKey(p.PrivateKey)
	if err != nil {
		return nil, err
	}
	return &appleSecret{teamID: p.TeamID, keyID: p.KeyID, clientID: p.ClientID, key: key, now: now}, nil
}

// get returns the current client secret, signing a new one when the
// current one is past half its life.
func (a *appleSecret) get() (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if a.current != "" && now.Before(a.renew) {
		return a.current, nil
	}
	// aud is a single string, as Apple documents it (not an array).
	tok := jwt.NewWithClaims(jwt.SigningMethodES256, jwt.MapClaims{"iss": a.teamID, "sub": a.clientID,
		"aud": appleIssuer, "iat": now.Unix(), "exp": now.Add(appleSecretLifetime).Unix()})
	tok.Header["kid"] = a.keyID
	s, err := tok.SignedString(a.key)
	if err != nil {
		return "", err
	}
	a.current, a.renew = s, now.Add(appleSecretLifetime/2)
	return s, nil
}
