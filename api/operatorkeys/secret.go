package operatorkeys

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"io"
	"strings"

	"github.com/authledger/authledger/domain"
)

// tokenPrefix starts every operator key, so it is recognisable in a
// secret scanner and told apart from the bootstrap key.
const tokenPrefix = "alk_"

// secretBytes is the entropy of a key's secret (256 bits).
const secretBytes = 32

// tokenLength is len("alk_" + id + "_" + 64 hex digits).
const tokenLength = len(tokenPrefix) + domain.IDLength + 1 + 2*secretBytes

// newSecret draws a secret from r: 64 lowercase hex digits.
func newSecret(r io.Reader) (string, error) {
	b := make([]byte, secretBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// formatToken is the key as shown once to its creator.
func formatToken(id, secret string) string { return tokenPrefix + id + "_" + secret }

// LooksLikeKey reports whether token has the shape of an operator key
// (so a caller can tell it from the bootstrap key without a lookup).
func LooksLikeKey(token string) bool { return strings.HasPrefix(token, tokenPrefix) }

// parseToken splits a presented key into its id and its secret's hash.
func parseToken(token string) (id string, hash [32]byte, ok bool) {
	if len(token) != tokenLength || !strings.HasPrefix(token, tokenPrefix) {
		return "", hash, false
	}
	id, secret := token[len(tokenPrefix):len(tokenPrefix)+domain.IDLength], token[len(tokenPrefix)+domain.IDLength+1:]
	if !domain.ValidID(id) || token[len(tokenPrefix)+domain.IDLength] != '_' {
		return "", hash, false
	}
	if _, err := hex.DecodeString(secret); err != nil {
		return "", hash, false
	}
	return id, sha256.Sum256([]byte(secret)), true
}

// hashSecret is the stored form of a secret: hex SHA-256.
func hashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// sameHash compares two hashes in constant time.
func sameHash(a, b [32]byte) bool { return subtle.ConstantTimeCompare(a[:], b[:]) == 1 }
