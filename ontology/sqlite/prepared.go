package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// prepared holds the live tables' write statements, prepared once on the
// writer connection when the store opens: a projection batch is one
// transaction, and preparing its dozen statements again for every batch
// cost about a quarter of what its row writes cost. A transaction binds
// them with Tx.StmtContext, which reuses the statement already prepared on
// the writer connection (or prepares it again on a replacement). SQLite
// recompiles a statement whose table a Promote replaced when it next runs.
// The map is read-only after Open.
type prepared map[string]*sql.Stmt

// prepareLive prepares every statement of q on db, which must have a
// free connection (no transaction open).
func prepareLive(ctx context.Context, db *sql.DB, q *queries) (prepared, error) {
	p := prepared{}
	for _, query := range q.all() {
		st, err := db.PrepareContext(ctx, query)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("sqlite: prepare %q: %w", query, err), p.close())
		}
		p[query] = st
	}
	return p, nil
}

// close closes every statement.
func (p prepared) close() error {
	var errs []error
	for _, st := range p {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// all lists q's statements, each once: every chunk size of the multi-row
// inserts (rowsSQL) too.
func (q *queries) all() []string {
	set := map[string]bool{q.checkpoint: true, q.setCheckpoint: true}
	for _, r := range append(slices.Collect(maps.Values(q.upsert)), q.appendEvent) {
		for _, s := range r.sql {
			set[s] = true
		}
	}
	for _, s := range slices.Concat(slices.Collect(maps.Values(q.get)), slices.Collect(maps.Values(q.del)), q.deleteSubject) {
		set[s] = true
	}
	return slices.Sorted(maps.Keys(set))
}
