// Package token draws the random identifiers and session tokens of
// authledger: Better Auth's 62-character alphabet, sampled uniformly from
// a reader (crypto/rand in production, a fixed stream in tests).
//
// Why not crypto/rand.Text: it draws from crypto/rand only (tests need a
// fixed stream) and writes base32, while Better Auth's identifiers use
// [A-Za-z0-9]; the rejection sampling here is the few lines that keep
// that alphabet uniform.
package token

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
// [A-Za-z0-9] carry 256 bits (at least 128 bits of entropy is the floor we hold tokens to). Better Auth uses
// 32 (≈190 bits); clients treat tokens as opaque, so the longer token is a
// deliberate, compatible difference.
const SessionTokenLength = 43

// New returns domain.IDLength (32) characters of [A-Za-z0-9] drawn
// uniformly from r by rejection sampling (≈190 bits): values that must
// tell nothing, such as OAuth state. Identifiers of stored objects use
// NewOrdered. Pass crypto/rand's Reader, or nil for it.
func New(r io.Reader) (string, error) { return randomString(r, domain.IDLength) }

// NewSession returns a SessionTokenLength-character session token
// (256 bits) drawn like New.
func NewSession(r io.Reader) (string, error) { return randomString(r, SessionTokenLength) }

// Valid reports whether s has the shape of a session token (or of a
// 32-character token issued by Better Auth itself, for migrated sessions).
func Valid(s string) bool {
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
			return "", fmt.Errorf("token: reading randomness: %w", err)
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
