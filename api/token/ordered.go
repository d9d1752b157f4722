package token

import (
	"io"
	"time"

	"github.com/authledger/authledger/domain"
)

// orderedAlphabet is [0-9A-Za-z] in byte order, so that comparing two
// prefixes byte by byte (SQLite's BINARY collation, PostgreSQL's "C")
// compares the times they encode.
const orderedAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// OrderedPrefixLength is the number of leading characters of an ordered
// identifier that encode its time: 62^8 milliseconds reach the year 8888.
const OrderedPrefixLength = 8

// OrderedRandomLength is the number of random characters after the time
// prefix: 24 characters of 62 symbols carry about 142.9 bits, above the
// 128 bits the package holds every unguessable value to.
const OrderedRandomLength = domain.IDLength - OrderedPrefixLength

// NewOrdered returns a domain.IDLength-character identifier whose first
// OrderedPrefixLength characters are t's Unix milliseconds in base 62
// (orderedAlphabet) and whose other OrderedRandomLength characters are
// drawn from r like New's (nil: crypto/rand).
//
// Identifiers made close together in time share their prefix, so the
// B-tree indexes keyed by them (stream names, the read tables' ids,
// actors and subjects) take new rows at a few adjacent pages instead of a
// random page per row. With random identifiers each sign-up dirtied a page
// of every such index, and every dirty page is written again to the write
// ahead log at each commit. The shape is unchanged (32 characters of
// [A-Za-z0-9], domain.ValidID), so clients see no difference; the prefix
// tells the creation time, which the objects these identifiers name
// already carry in their createdAt.
func NewOrdered(r io.Reader, t time.Time) (string, error) {
	rest, err := randomString(r, OrderedRandomLength)
	if err != nil {
		return "", err
	}
	var b [domain.IDLength]byte
	putMillis(b[:OrderedPrefixLength], t)
	copy(b[OrderedPrefixLength:], rest)
	return string(b[:]), nil
}

// putMillis writes t's Unix milliseconds into p in base 62, most
// significant digit first; times before 1970 write zeros and times past
// the prefix's range keep its low digits.
func putMillis(p []byte, t time.Time) {
	ms := max(t.UnixMilli(), 0)
	for i := len(p) - 1; i >= 0; i-- {
		p[i] = orderedAlphabet[ms%int64(len(orderedAlphabet))]
		ms /= int64(len(orderedAlphabet))
	}
}
