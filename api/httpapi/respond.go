package httpapi

import (
	"crypto/hmac"
	"crypto/sha256"
)

// constantTimeEqual compares two secrets without leaking where they differ
// or their lengths (both are hashed first).
func constantTimeEqual(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return hmac.Equal(ha[:], hb[:])
}
