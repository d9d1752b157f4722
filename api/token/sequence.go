package token

import (
	"io"
	"sync/atomic"

	"github.com/authledger/authledger/domain"
)

// seqDigits is how many characters of a Sequence's identifiers count: 62^9
// (about 1.3×10^16) identifiers before a sequence repeats.
const seqDigits = 9

// Sequence hands out identifiers of domain.IDLength characters of
// [A-Za-z0-9] that are unique but not secret: a random prefix drawn once,
// then a counter. It is for request ids, which must tell requests apart in
// logs and audit records across nodes but protect nothing: drawing 32
// random characters per request cost a get-session a system-call-sized
// share of its time. Never use it for tokens or for identifiers a caller
// must not guess. Safe for concurrent use.
type Sequence struct {
	prefix string // domain.IDLength - seqDigits random characters
	n      atomic.Uint64
}

// NewSequence draws the sequence's prefix from r (nil: crypto/rand); the
// prefix's ≈137 bits keep two servers' sequences apart.
func NewSequence(r io.Reader) (*Sequence, error) {
	p, err := randomString(r, domain.IDLength-seqDigits)
	if err != nil {
		return nil, err
	}
	return &Sequence{prefix: p}, nil
}

// Next returns the next identifier.
func (s *Sequence) Next() string {
	var b [domain.IDLength]byte
	copy(b[:], s.prefix)
	n := s.n.Add(1)
	for i := len(b) - 1; i >= len(s.prefix); i-- {
		b[i] = alphabet[n%uint64(len(alphabet))]
		n /= uint64(len(alphabet))
	}
	return string(b[:])
}
