package cookies

import (
	"crypto/rand"
	"fmt"
	"io"

	"github.com/authledger/authledger/domain"
)

// alphabet is Better Auth's token alphabet: 62 characters.
const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// rejectFrom is the first byte value rejected: 4×62, the largest multiple
// of 62 that fits a byte, so accepted bytes map to the alphabet uniformly.
const rejectFrom = 4 * len(alphabet)

// NewToken returns domain.IDLength (32) characters of [A-Za-z0-9] drawn
// uniformly from r by rejection sampling (≈190 bits). Pass crypto/rand's
// Reader, or nil for it. Session tokens and IDs both come from here.
func NewToken(r io.Reader) (string, error) {
	if r == nil {
		r = rand.Reader
	}
	out := make([]byte, 0, domain.IDLength)
	var buf [48]byte
	for len(out) < domain.IDLength {
		if _, err := io.ReadFull(r, buf[:]); err != nil {
			return "", fmt.Errorf("cookies: reading randomness: %w", err)
		}
		for _, b := range buf {
			if int(b) >= rejectFrom {
				continue
			}
			out = append(out, alphabet[int(b)%len(alphabet)])
			if len(out) == domain.IDLength {
				break
			}
		}
	}
	return string(out), nil
}
