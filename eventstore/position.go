package eventstore

import (
	"fmt"
	"strconv"
	"strings"
)

// Position is a record's place in the global order. Adapters fill the two
// words as they need: SQLite uses (0, rowid), PostgreSQL (tx id, identity),
// KurrentDB (commit, prepare). Positions compare lexicographically; the zero
// value is "before everything".
type Position struct {
	Hi uint64
	Lo uint64
}

// Less reports whether p comes before q.
func (p Position) Less(q Position) bool {
	return p.Hi < q.Hi || (p.Hi == q.Hi && p.Lo < q.Lo)
}

// IsZero reports whether p is the start of the log.
func (p Position) IsZero() bool { return p.Hi == 0 && p.Lo == 0 }

// String is the stable text form used in consistency tokens and cursors:
// "<hi>.<lo>" in decimal.
func (p Position) String() string {
	return strconv.FormatUint(p.Hi, 10) + "." + strconv.FormatUint(p.Lo, 10)
}

// ParsePosition parses the text form produced by String. The empty string is
// the zero position.
func ParsePosition(s string) (Position, error) {
	if s == "" {
		return Position{}, nil
	}
	hi, lo, ok := strings.Cut(s, ".")
	if !ok || len(s) > 41 {
		return Position{}, fmt.Errorf("eventstore: malformed position %q", s)
	}
	h, err1 := strconv.ParseUint(hi, 10, 64)
	l, err2 := strconv.ParseUint(lo, 10, 64)
	if err1 != nil || err2 != nil {
		return Position{}, fmt.Errorf("eventstore: malformed position %q", s)
	}
	return Position{Hi: h, Lo: l}, nil
}
