package cookies

import (
	"crypto/rand"
	"fmt"
	"io"
	"strings"

	"github.com/authledger/authledger/domain"
)

// alphabet is Better Auth's token alphabet: 62 characters.
const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// rejectFrom is the first byte value rejected: 4×62, the largest multiple
// of 62 that fits a byte, so accepted bytes map to the alphabet uniformly.
const rejectFrom = 4 * len(alphabet)

// SessionTokenLength is the length of session tokens: 43 characters of
// [A-Za-z0-9] carry 256 bits (security-checklist item 20). Better Auth uses
// 32 (≈190 bits); clients treat tokens as opaque, so the longer token is a
// deliberate, compatible difference.
const SessionTokenLength = 43

// NewToken returns domain.IDLength (32) characters of [A-Za-z0-9] drawn
// uniformly from r by rejection sampling (≈190 bits): identifiers. Pass
// crypto/rand's Reader, or nil for it.
func NewToken(r io.Reader) (string, error) { return randomString(r, domain.IDLength) }

// NewSessionToken returns a SessionTokenLength-character session token
// (256 bits) drawn like NewToken.
func NewSessionToken(r io.Reader) (string, error) { return randomString(r, SessionTokenLength) }

// ValidToken reports whether s has the shape of a session token (or of a
// 32-character token issued by Better Auth itself, for migrated sessions).
func ValidToken(s string) bool {
	if len(s) != SessionTokenLength && len(s) != domain.IDLength {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(alphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

func randomString(r io.Reader, n int) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	out := make([]byte, 0, n)
	var buf [64]byte
	for len(out) < n {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return "", fmt.Errorf("cookies: reading randomness: %w", err)
		}
		for _, b := range buf {
			if int(b) >= rejectFrom {
				continue
			}
			out = append(out, alphabet[int(b)%len(alphabet)])
			if len(out) == n {
				break
			}
		}
	}
	return string(out), nil
}
