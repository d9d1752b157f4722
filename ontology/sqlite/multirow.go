package sqlite

import (
	"context"
	"strings"
)

// chunkBits sets the largest multi-row statement: 1<<(chunkBits-1) rows
// (64; at most 12 columns, so far below SQLite's 32,766 parameters).
const chunkBits = 7

// rowsSQL is one INSERT for 1, 2, 4, … 64 rows: sql[k] binds 1<<k rows of
// cols values each. A run of n queued rows is written with at most
// chunkBits statements (n's binary digits), each prepared once per
// transaction.
type rowsSQL struct {
	cols int
	sql  [chunkBits]string
}

// newRowsSQL builds the statements "head (?, …), (?, …) tail".
func newRowsSQL(head string, cols int, tail string) *rowsSQL {
	r := &rowsSQL{cols: cols}
	row := "(" + placeholders(cols) + ")"
	for k := range r.sql {
		r.sql[k] = head + strings.TrimSuffix(strings.Repeat(row+", ", 1<<k), ", ") + tail
	}
	return r
}

// maxRows is the rows of the largest statement.
func (r *rowsSQL) maxRows() int { return 1 << (chunkBits - 1) }

// rowQueue holds consecutive rows bound for the same rowsSQL: a bulk load
// sends one statement per 64 rows instead of one per row, which is most of
// the per-row cost (binding, stepping, database/sql's bookkeeping).
type rowQueue struct {
	q    *rowsSQL
	args []any
	n    int
}

// add queues one row's arguments after the rows already queued for q.
func (rq *rowQueue) add(q *rowsSQL, args []any) {
	rq.q = q
	rq.args = append(rq.args, args...)
	rq.n++
}

// chunks calls write for each statement that sends the queued rows, in
// order, largest first, and empties the queue. It stops at the first error.
func (rq *rowQueue) chunks(write func(query string, args []any) error) error {
	q, args, n := rq.q, rq.args, rq.n
	rq.args, rq.n = rq.args[:0], 0
	for k := chunkBits - 1; k >= 0 && n > 0; k-- {
		for n >= 1<<k {
			m := (1 << k) * q.cols
			if err := write(q.sql[k], args[:m]); err != nil {
				clear(rq.args[:cap(rq.args)])
				return err
			}
			args, n = args[m:], n-1<<k
		}
	}
	clear(rq.args[:cap(rq.args)]) // drop references to the rows' strings
	return nil
}

// queue adds a row for q, first sending the rows queued for another
// statement (so statements run in the order the rows were given) and
// sending a full chunk at once.
func (x *tx) queue(ctx context.Context, q *rowsSQL, args []any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if x.rows.n > 0 && x.rows.q != q {
		if err := x.flush(ctx); err != nil {
			return err
		}
	}
	x.rows.add(q, args)
	if x.rows.n >= q.maxRows() {
		return x.flush(ctx)
	}
	return nil
}

// flush sends the queued rows.
func (x *tx) flush(ctx context.Context) error {
	if x.rows.n == 0 {
		return nil
	}
	return x.rows.chunks(func(query string, args []any) error { return x.run(ctx, query, args...) })
}
