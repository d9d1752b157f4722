package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// errNoMatch marks a plan that no stored row can satisfy (a filter value
// PostgreSQL text cannot hold); the page is empty without a query.
var errNoMatch = errors.New("postgres: no row can match")

// sqlBuilder collects WHERE terms and their numbered arguments.
type sqlBuilder struct {
	where []string
	args  []any
}

// add appends a term whose "?" marks are numbered from the next argument.
func (b *sqlBuilder) add(term string, args ...any) {
	for _, a := range args {
		b.args = append(b.args, a)
		term = strings.Replace(term, "?", "$"+strconv.Itoa(len(b.args)), 1)
	}
	b.where = append(b.where, term)
}

// listSQL builds the page query of plan p over s in schema: the filters,
// the cursor as a row-value comparison on the sort key, ORDER BY the sort
// key and LIMIT p.Limit+1 so that Paginate knows whether a next page
// exists.
func listSQL(schema string, s spec, p ontology.Plan) (string, []any, error) {
	var b sqlBuilder
	for _, c := range p.Conds {
		if !slices.Contains(s.cols, c.Column) {
			return "", nil, fmt.Errorf("%w: %s has no column %q", ontology.ErrBadQuery, s.table, c.Column)
		}
		if err := addCond(&b, c); err != nil {
			return "", nil, err
		}
	}
	if err := addCursor(&b, s.dim, p.After); err != nil {
		return "", nil, err
	}
	q := s.selectSQL(schema)
	if len(b.where) > 0 {
		q += " WHERE " + strings.Join(b.where, " AND ")
	}
	b.args = append(b.args, p.Limit+1)
	q += " ORDER BY " + strings.Join(s.order, ", ") + " LIMIT $" + strconv.Itoa(len(b.args))
	return q, b.args, nil
}

// addCond adds one filter. A prefix is an index range (exact for any
// text, unlike LIKE); time bounds are rounded up to the microsecond, which
// is exact over the stored microsecond times.
func addCond(b *sqlBuilder, c ontology.Cond) error {
	switch c.Op {
	case ontology.OpEq:
		if !storable(c.Value) {
			return errNoMatch
		}
		b.add(c.Column+" = ?", c.Value)
	case ontology.OpPrefix:
		if !storable(c.Value) {
			return errNoMatch
		}
		b.add(c.Column+" >= ?", c.Value)
		if end, ok := prefixEnd(c.Value); ok {
			b.add(c.Column+" < ?", end)
		}
	case ontology.OpFrom, ontology.OpTo:
		t, err := ontology.ParseTime(c.Value)
		if err != nil {
			return fmt.Errorf("%w: %w", ontology.ErrBadQuery, err)
		}
		op := " >= ?"
		if c.Op == ontology.OpTo {
			op = " < ?"
		}
		b.add(c.Column+op, ceilMicro(t))
	}
	return nil
}

// addCursor adds the keyset condition after the cursor's row.
func addCursor(b *sqlBuilder, dim ontology.Dimension, a *ontology.SortKey) error {
	switch {
	case a == nil:
	case dim == ontology.Events:
		b.add("seq > ?", a.Seq)
	case dim == ontology.Knowledge:
		if !storable(a.SubjectID, a.Key) {
			return fmt.Errorf("%w: malformed cursor", ontology.ErrBadQuery)
		}
		b.add("(subject_id, key) > (?, ?)", a.SubjectID, a.Key)
	default:
		if !storable(a.ID) {
			return fmt.Errorf("%w: malformed cursor", ontology.ErrBadQuery)
		}
		id := a.ID
		if t := ceilMicro(a.CreatedAt); !t.Equal(a.CreatedAt) {
			id = "" // stored times cannot equal a finer one: every row at t follows
		}
		b.add("(created_at, id) > (?, ?)", ceilMicro(a.CreatedAt), id)
	}
	return nil
}

// ceilMicro rounds t up to the microsecond.
func ceilMicro(t time.Time) time.Time {
	if f := t.Truncate(time.Microsecond); !f.Equal(t) {
		return f.Add(time.Microsecond)
	}
	return t
}

// prefixEnd returns the smallest valid UTF-8 string greater than every
// string with the given prefix in byte order: the prefix with its last
// rune incremented (past the surrogates), dropping maximal runes; ok is
// false when there is no such bound. UTF-8 byte order is code point order,
// so `col >= prefix AND col < end` under COLLATE "C" selects exactly the
// strings with the prefix.
func prefixEnd(prefix string) (end string, ok bool) {
	for prefix != "" {
		r, size := utf8.DecodeLastRuneInString(prefix)
		prefix = prefix[:len(prefix)-size]
		switch {
		case r == utf8.MaxRune:
			continue
		case r == 0xD7FF: // the next code point is a surrogate
			r = 0xE000
		default:
			r++
		}
		return prefix + string(r), true
	}
	return "", false
}

// list runs one page query on the pool.
func list[T any](ctx context.Context, pool *pgxpool.Pool, schema string, s spec, q ontology.Query,
	scan func(pgx.Row) (T, error), key func(T) ontology.SortKey,
) (ontology.Page[T], error) {
	p, err := ontology.PlanQuery(s.dim, q)
	if err != nil {
		return ontology.Page[T]{}, err
	}
	query, args, err := listSQL(schema, s, p)
	if errors.Is(err, errNoMatch) {
		return ontology.Paginate(p, []T(nil), key), nil
	}
	if err != nil {
		return ontology.Page[T]{}, err
	}
	rows, err := pool.Query(ctx, query, args...)
	if err != nil {
		return ontology.Page[T]{}, fmt.Errorf("postgres: list %s: %w", s.table, mapErr(err))
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (T, error) { return scan(r) })
	if err != nil {
		return ontology.Page[T]{}, fmt.Errorf("postgres: list %s: %w", s.table, mapErr(err))
	}
	return ontology.Paginate(p, out, key), nil
}
