package ontology

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Query limits shared by every adapter.
const (
	DefaultLimit = 100  // Limit 0 means this many rows
	MaxLimit     = 1000 // larger limits are ErrBadQuery
)

// maxCursorLen bounds the cursor text accepted from clients.
const maxCursorLen = 2048

// timeLayout is the fixed-width UTC text form of times: it sorts
// lexicographically in time order (years 0000–9999) and keeps nanoseconds.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// ErrBadRow is returned by writers for a row that cannot be stored: a missing
// key, invalid JSON in a JSON field, or a time outside years 0000–9999.
var ErrBadRow = errors.New("ontology: bad row")

// Op is how a Cond compares a row's column with its value.
type Op int

// The comparison operators a filter field can select by its suffix.
const (
	OpEq     Op = iota // exact match
	OpPrefix           // "_prefix": column starts with value
	OpFrom             // "_from": column ≥ value (a time)
	OpTo               // "_to": column < value (a time)
)

// Cond is one validated Where entry. Column is the snake_case row column
// (for "type_prefix" it is "type", for "occurred_from" "occurred_at"); for
// OpFrom/OpTo, Value is already in FormatTime form.
type Cond struct {
	Column string
	Op     Op
	Value  string
}

// Match reports whether a column value satisfies the condition. Times must be
// given in FormatTime form, which orders like time.
func (c Cond) Match(v string) bool {
	switch c.Op {
	case OpPrefix:
		return strings.HasPrefix(v, c.Value)
	case OpFrom:
		return v >= c.Value
	case OpTo:
		return v < c.Value
	default:
		return v == c.Value
	}
}

// SortKey is a row's place in its dimension's stable order: (CreatedAt, ID)
// for groups, people, things and connections; Seq for events; (SubjectID,
// Key) for knowledge. Fields a dimension does not use stay zero.
type SortKey struct {
	CreatedAt time.Time
	ID        string
	Seq       int64
	SubjectID string
	Key       string
}

// Less orders two keys of the same dimension.
func (k SortKey) Less(o SortKey) bool {
	if c := k.CreatedAt.Compare(o.CreatedAt); c != 0 {
		return c < 0
	}
	if k.ID != o.ID {
		return k.ID < o.ID
	}
	if k.Seq != o.Seq {
		return k.Seq < o.Seq
	}
	if k.SubjectID != o.SubjectID {
		return k.SubjectID < o.SubjectID
	}
	return k.Key < o.Key
}

// Plan is a validated Query: sorted conditions, the effective limit and the
// decoded cursor (nil on the first page).
type Plan struct {
	Dim   Dimension
	Conds []Cond
	Limit int
	After *SortKey
}

// PlanQuery validates q for dim: every Where key must be in Filters[dim],
// time values must be RFC 3339, Limit must be 0..MaxLimit (0 = DefaultLimit)
// and Cursor must come from this dimension. Failures wrap ErrBadQuery.
func PlanQuery(dim Dimension, q Query) (Plan, error) {
	allowed, ok := Filters[dim]
	if !ok {
		return Plan{}, fmt.Errorf("%w: unknown dimension %q", ErrBadQuery, dim)
	}
	p := Plan{Dim: dim, Limit: q.Limit}
	if q.Limit == 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit < 0 || p.Limit > MaxLimit {
		return Plan{}, fmt.Errorf("%w: limit %d not in 1..%d", ErrBadQuery, q.Limit, MaxLimit)
	}
	for field, value := range q.Where {
		if !slices.Contains(allowed, field) {
			return Plan{}, fmt.Errorf("%w: unknown filter %q for %s", ErrBadQuery, field, dim)
		}
		c, err := parseCond(field, value)
		if err != nil {
			return Plan{}, err
		}
		p.Conds = append(p.Conds, c)
	}
	slices.SortFunc(p.Conds, func(a, b Cond) int {
		return cmp.Or(strings.Compare(a.Column, b.Column), cmp.Compare(a.Op, b.Op))
	})
	if q.Cursor != "" {
		k, err := DecodeCursor(dim, q.Cursor)
		if err != nil {
			return Plan{}, err
		}
		p.After = &k
	}
	return p, nil
}

// parseCond turns one Where entry into a Cond by its field-name suffix.
func parseCond(field, value string) (Cond, error) {
	if col, ok := strings.CutSuffix(field, "_prefix"); ok {
		return Cond{Column: col, Op: OpPrefix, Value: value}, nil
	}
	op := OpEq
	col, from := strings.CutSuffix(field, "_from")
	to := false
	if !from {
		col, to = strings.CutSuffix(field, "_to")
	}
	switch {
	case from:
		op = OpFrom
	case to:
		op = OpTo
	default:
		return Cond{Column: field, Op: OpEq, Value: value}, nil
	}
	t, err := time.Parse(time.RFC3339, value)
	if err != nil || t.Year() < 0 || t.Year() > 9999 {
		return Cond{}, fmt.Errorf("%w: %s: want an RFC 3339 time, got %q", ErrBadQuery, field, value)
	}
	return Cond{Column: col + "_at", Op: op, Value: FormatTime(t)}, nil
}

// Paginate turns rows fetched with limit p.Limit+1 into a page: it keeps the
// first p.Limit rows and sets Next to the cursor of the last kept row when
// more rows follow.
func Paginate[T any](p Plan, rows []T, key func(T) SortKey) Page[T] {
	if rows == nil {
		rows = []T{}
	}
	if len(rows) <= p.Limit {
		return Page[T]{Items: rows}
	}
	rows = rows[:p.Limit]
	return Page[T]{Items: rows, Next: EncodeCursor(p.Dim, key(rows[len(rows)-1]))}
}

// EncodeCursor returns the opaque cursor for a row key of dim: base64url of a
// JSON array [dimension, key parts...].
func EncodeCursor(dim Dimension, k SortKey) string {
	var parts []string
	switch dim {
	case Events:
		parts = []string{string(dim), strconv.FormatInt(k.Seq, 10)}
	case Knowledge:
		parts = []string{string(dim), k.SubjectID, k.Key}
	default:
		parts = []string{string(dim), FormatTime(k.CreatedAt), k.ID}
	}
	b, _ := json.Marshal(parts) // a []string always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// DecodeCursor parses a cursor made by EncodeCursor for dim. Anything else,
// including a cursor of another dimension, wraps ErrBadQuery.
func DecodeCursor(dim Dimension, s string) (SortKey, error) {
	bad := fmt.Errorf("%w: malformed cursor", ErrBadQuery)
	if _, known := Filters[dim]; !known || len(s) > maxCursorLen {
		return SortKey{}, bad
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return SortKey{}, bad
	}
	var parts []string
	if err := json.Unmarshal(b, &parts); err != nil || len(parts) == 0 || parts[0] != string(dim) {
		return SortKey{}, bad
	}
	switch {
	case dim == Events && len(parts) == 2:
		seq, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil || seq < 0 {
			return SortKey{}, bad
		}
		return SortKey{Seq: seq}, nil
	case dim == Knowledge && len(parts) == 3:
		return SortKey{SubjectID: parts[1], Key: parts[2]}, nil
	case dim != Events && dim != Knowledge && len(parts) == 3:
		t, err := ParseTime(parts[1])
		if err != nil {
			return SortKey{}, bad
		}
		return SortKey{CreatedAt: t, ID: parts[2]}, nil
	}
	return SortKey{}, bad
}

// FormatTime renders t in UTC as fixed-width RFC 3339 with nanoseconds
// ("2024-05-01T12:00:00.000000000Z"), so text order is time order.
func FormatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// ParseTime parses the FormatTime form.
func ParseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("ontology: bad time %q: %w", s, err)
	}
	return t, nil
}

// PrefixEnd returns the smallest string greater than every string with the
// given prefix, for an index range `col >= prefix AND col < end`; ok is
// false when there is no such bound (empty prefix or all 0xff bytes).
func PrefixEnd(prefix string) (end string, ok bool) {
	b := []byte(prefix)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}

// CheckRow validates a row before an adapter stores it: keys present, JSON
// fields empty or valid JSON, times within years 0000–9999. Failures wrap
// ErrBadRow. row is a Group, Person, Thing, Connection, Event or Fact.
func CheckRow(row any) error {
	var err error
	switch r := row.(type) {
	case Group:
		err = check(r.ID != "", "id", r.Data, r.CreatedAt, r.UpdatedAt)
	case Person:
		err = check(r.ID != "", "id", r.Fields, r.CreatedAt, r.UpdatedAt)
	case Thing:
		err = check(r.ID != "", "id", r.Data, r.CreatedAt, r.UpdatedAt)
		if err == nil && r.ExpiresAt != nil {
			err = check(true, "", nil, *r.ExpiresAt)
		}
	case Connection:
		err = check(r.ID != "", "id", r.Data, r.CreatedAt, r.UpdatedAt)
	case Event:
		err = check(r.Type != "" && r.Seq >= 0, "type and seq", nil, r.OccurredAt)
	case Fact:
		err = check(r.SubjectID != "" && r.Key != "", "subject_id and key", r.Value, r.UpdatedAt)
	default:
		err = fmt.Errorf("%w: unsupported row type %T", ErrBadRow, row)
	}
	return err
}

// check is CheckRow's common part.
func check(keyOK bool, key string, raw json.RawMessage, times ...time.Time) error {
	if !keyOK {
		return fmt.Errorf("%w: missing %s", ErrBadRow, key)
	}
	if len(raw) > 0 && !json.Valid(raw) {
		return fmt.Errorf("%w: invalid JSON", ErrBadRow)
	}
	for _, t := range times {
		if y := t.UTC().Year(); y < 0 || y > 9999 {
			return fmt.Errorf("%w: time %v out of range", ErrBadRow, t)
		}
	}
	return nil
}
