package postgres

import (
	"context"
	"strings"
	"time"
)

// bulkMin is the number of queued upserts of one table from which they are
// sent as one statement over column arrays (spec.bulkUpsertSQL) rather than
// one statement per row: the server then plans and executes once for the
// run instead of once per row, which is most of its work in a rebuild.
const bulkMin = 8

// putRun is the upserts of one table queued one after the other and not
// yet in the batch: the last row per primary key. Upserts of distinct keys
// commute and a later upsert of a key replaces an earlier one, so the run
// has the effect of the statements in their order; any other statement
// ends the run first (flushPuts), which keeps the order across tables.
type putRun struct {
	s    spec
	keys map[string]int // primary key → index in rows
	rows [][]any        // the upsert's arguments
}

// queuePut queues the upsert of a row of s (its args, key columns first).
func (x *tx) queuePut(ctx context.Context, s spec, args []any) error {
	if err := x.usable(ctx); err != nil {
		return err
	}
	if x.run.rows == nil || x.run.s.dim != s.dim {
		x.flushPuts()
		x.run = putRun{s: s, keys: map[string]int{}}
	}
	k := rowKey(args[:len(s.key)])
	if i, ok := x.run.keys[k]; ok {
		x.run.rows[i] = args
	} else {
		x.run.keys[k] = len(x.run.rows)
		x.run.rows = append(x.run.rows, args)
	}
	if x.batch.Len()+len(x.run.rows) >= maxQueued {
		return x.send(ctx)
	}
	return nil
}

// flushPuts moves the run of upserts into the batch.
func (x *tx) flushPuts() {
	r := x.run
	x.run = putRun{}
	if len(r.rows) < bulkMin {
		for _, row := range r.rows {
			x.batch.Queue(x.q.upsert[r.s.dim], row...)
		}
		return
	}
	x.batch.Queue(x.q.bulkUpsert[r.s.dim], columns(r.s, r.rows)...)
}

// rowKey is a map key for a row's primary key values (stored text never
// holds NUL, see storable).
func rowKey(key []any) string {
	if len(key) == 1 {
		s, _ := key[0].(string)
		return s
	}
	parts := make([]string, len(key))
	for i, k := range key {
		parts[i], _ = k.(string)
	}
	return strings.Join(parts, "\x00")
}

// columns turns rows of s's upsert arguments into one array per column, as
// bulkUpsertSQL binds them: jsonb as text, NULLs as nil pointers.
func columns(s spec, rows [][]any) []any {
	out := make([]any, len(s.types))
	for i, typ := range s.types {
		switch typ {
		case "text":
			out[i] = column(rows, i, func(v any) string { return v.(string) })
		case "bool":
			out[i] = column(rows, i, func(v any) bool { return v.(bool) })
		case "jsonb":
			out[i] = column(rows, i, func(v any) *string {
				if v == nil {
					return nil
				}
				s := string(v.([]byte))
				return &s
			})
		case "timestamptz":
			out[i] = column(rows, i, func(v any) *time.Time {
				if v == nil {
					return nil
				}
				t := v.(time.Time)
				return &t
			})
		}
	}
	return out
}

// column collects column i of rows, converted by conv.
func column[T any](rows [][]any, i int, conv func(any) T) []T {
	out := make([]T, len(rows))
	for j, row := range rows {
		out[j] = conv(row[i])
	}
	return out
}
