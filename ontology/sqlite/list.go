package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/authledger/authledger/ontology"
)

// listSQL builds the page query of plan p over s: the filters, the cursor
// as a row-value comparison on the sort key, ORDER BY the sort key and
// LIMIT p.Limit+1 so that Paginate knows whether a next page exists.
func listSQL(s spec, p ontology.Plan) (string, []any, error) {
	var where []string
	var args []any
	for _, c := range p.Conds {
		if !slices.Contains(s.cols, c.Column) {
			return "", nil, fmt.Errorf("%w: %s has no column %q", ontology.ErrBadQuery, s.table, c.Column)
		}
		switch c.Op {
		case ontology.OpEq:
			where, args = append(where, c.Column+" = ?"), append(args, c.Value)
		case ontology.OpPrefix: // an index range, exact for any byte (unlike LIKE)
			where, args = append(where, c.Column+" >= ?"), append(args, c.Value)
			if end, ok := ontology.PrefixEnd(c.Value); ok {
				where, args = append(where, c.Column+" < ?"), append(args, end)
			}
		case ontology.OpFrom: // hinted selective: analysts mostly ask for recent windows
			where, args = append(where, "likelihood("+c.Column+" >= ?, 0.05)"), append(args, c.Value)
		case ontology.OpTo:
			where, args = append(where, "likelihood("+c.Column+" < ?, 0.05)"), append(args, c.Value)
		}
	}
	if a := p.After; a != nil {
		switch s.dim {
		case ontology.Events:
			where, args = append(where, "seq > ?"), append(args, a.Seq)
		case ontology.Knowledge:
			where, args = append(where, "(subject_id, key) > (?, ?)"), append(args, a.SubjectID, a.Key)
		default:
			where, args = append(where, "(created_at, id) > (?, ?)"), append(args, ts(a.CreatedAt), a.ID)
		}
	}
	q := "SELECT " + strings.Join(s.cols, ", ") + " FROM " + s.table
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY " + strings.Join(s.order, ", ") + " LIMIT ?"
	return q, append(args, p.Limit+1), nil
}

// list runs one page query on the reader pool.
func list[T any](ctx context.Context, db *sql.DB, s spec, q ontology.Query,
	scan func(scanner) (T, error), key func(T) ontology.SortKey,
) (ontology.Page[T], error) {
	p, err := ontology.PlanQuery(s.dim, q)
	if err != nil {
		return ontology.Page[T]{}, err
	}
	query, args, err := listSQL(s, p)
	if err != nil {
		return ontology.Page[T]{}, err
	}
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return ontology.Page[T]{}, fmt.Errorf("sqlite: list %s: %w", s.table, err)
	}
	defer rows.Close()
	out := make([]T, 0, min(p.Limit+1, 128))
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return ontology.Page[T]{}, fmt.Errorf("sqlite: list %s: %w", s.table, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return ontology.Page[T]{}, fmt.Errorf("sqlite: list %s: %w", s.table, err)
	}
	return ontology.Paginate(p, out, key), nil
}
