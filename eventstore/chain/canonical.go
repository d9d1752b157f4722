package chain

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// EncodingVersion is the first byte of every record's canonical bytes.
const EncodingVersion = 1

// Digest is a SHA-256 link. Its text form is lower-case hex.
type Digest [sha256.Size]byte

// String returns the digest in hex.
func (d Digest) String() string { return hex.EncodeToString(d[:]) }

// MarshalText returns the digest in hex.
func (d Digest) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText parses 64 hex digits.
func (d *Digest) UnmarshalText(b []byte) error {
	if len(b) != 2*len(d) {
		return fmt.Errorf("%w: digest must be %d hex digits, got %d characters", ErrMalformed, 2*len(d), len(b))
	}
	var out Digest
	if _, err := hex.Decode(out[:], b); err != nil {
		return fmt.Errorf("%w: digest: %w", ErrMalformed, err)
	}
	*d = out
	return nil
}

// AppendCanonical appends the canonical bytes of r (see the package
// documentation) to dst and returns the extended slice.
func AppendCanonical(dst []byte, r eventstore.Record) []byte {
	dst = append(dst, EncodingVersion)
	dst = binary.BigEndian.AppendUint64(dst, r.Position.Hi)
	dst = binary.BigEndian.AppendUint64(dst, r.Position.Lo)
	dst = appendBytes(dst, []byte(r.ID))
	dst = appendBytes(dst, []byte(r.Stream))
	dst = binary.BigEndian.AppendUint64(dst, r.Version)
	dst = appendBytes(dst, []byte(r.Type))
	dst = binary.BigEndian.AppendUint64(dst, uint64(int64(r.Schema)))
	dst = appendBytes(dst, r.Data)
	dst = appendBytes(dst, r.Meta)
	dst = appendBytes(dst, []byte(r.KeyRef))
	dst = appendTime(dst, r.OccurredAt)
	return appendTime(dst, r.RecordedAt)
}

func appendBytes(dst, b []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(b)))
	return append(dst, b...)
}

func appendTime(dst []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(dst, 0)
	}
	dst = append(dst, 1)
	dst = binary.BigEndian.AppendUint64(dst, uint64(t.Unix()))
	return binary.BigEndian.AppendUint32(dst, uint32(t.Nanosecond()))
}

// Hasher computes links, reusing one buffer; the zero value is ready. It is
// not safe for concurrent use.
type Hasher struct {
	buf []byte
}

// Next returns SHA-256(prev ‖ canonical bytes of r), the link after prev.
func (h *Hasher) Next(prev Digest, r eventstore.Record) Digest {
	h.buf = append(h.buf[:0], prev[:]...)
	h.buf = AppendCanonical(h.buf, r)
	return sha256.Sum256(h.buf)
}

// NextLink returns SHA-256(prev ‖ canonical bytes of r).
func NextLink(prev Digest, r eventstore.Record) Digest {
	var h Hasher
	return h.Next(prev, r)
}
