package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/authledger/authledger/ontology"
)

// staging is one rebuild into the "__next" shadow tables; gen identifies it
// among successive Stage calls.
type staging struct {
	s   *Store
	gen int
}

// Stage (re)creates empty shadow tables from the live tables' definitions,
// dropping any left by an unfinished rebuild; earlier stagings go stale.
func (s *Store) Stage(ctx context.Context) (ontology.Staging, error) {
	var gen int
	err := s.inWriter(ctx, func(t *sql.Tx) error {
		for _, name := range tableNames {
			var ddl string
			err := t.QueryRowContext(ctx, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", name).Scan(&ddl)
			if err != nil {
				return fmt.Errorf("sqlite: read schema of %s: %w", name, err)
			}
			create, err := shadowDDL(name, ddl)
			if err != nil {
				return err
			}
			if err := execAll(ctx, t, "DROP TABLE IF EXISTS "+name+shadow, create); err != nil {
				return err
			}
		}
		if err := execAll(ctx, t, shadowIndexes...); err != nil {
			return err
		}
		gen = s.bump()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &staging{s: s, gen: gen}, nil
}

// bump starts a new staging generation and returns it; the caller holds the
// writer, so no staging transaction is open meanwhile.
func (s *Store) bump() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stageGen++
	return s.stageGen
}

// current reports whether st is the newest, unfinished staging.
func (st *staging) current() bool {
	st.s.mu.Lock()
	defer st.s.mu.Unlock()
	return st.s.stageGen == st.gen
}

// Begin starts a transaction on the shadow tables.
func (st *staging) Begin(ctx context.Context) (ontology.Tx, error) {
	x, err := st.s.begin(ctx, st.s.next)
	if err != nil {
		return nil, err
	}
	if !st.current() { // checked holding the writer: no Stage/Promote can interleave
		return nil, errors.Join(ErrStagingDone, x.Rollback())
	}
	return x, nil
}

// Checkpoint reads a projector's position in the shadow checkpoints.
func (st *staging) Checkpoint(ctx context.Context, projector string) (string, error) {
	if !st.current() {
		return "", ErrStagingDone
	}
	return scanCheckpoint(st.s.r.QueryRowContext(ctx, "SELECT position FROM checkpoints"+shadow+" WHERE projector = ?", projector))
}

// Promote replaces the live tables with the shadow ones in one transaction:
// drop each live table, rename its shadow into place, drop the loading
// indexes and recreate the live index set under its original names.
//
// The transaction runs with temporary files on disk (inWriterTempFiles):
// its index builds are statements inside a larger transaction, so each
// copies the pages it changes that an earlier statement wrote (and SQLite
// spills from its full page cache) into a statement journal. Kept in
// memory, as the writer's small live transactions want it, that journal
// is hundreds of megabytes of fresh allocations per rebuild of 1M events.
func (st *staging) Promote(ctx context.Context) error {
	return st.s.inWriterTempFiles(ctx, func(t *sql.Tx) error {
		if !st.current() {
			return ErrStagingDone
		}
		indexes, err := liveIndexes(ctx, t)
		if err != nil {
			return err
		}
		for _, name := range tableNames {
			if err := execAll(ctx, t, "DROP TABLE "+name, "ALTER TABLE "+name+shadow+" RENAME TO "+name); err != nil {
				return err
			}
		}
		for _, ix := range shadowIndexNames {
			if err := execAll(ctx, t, "DROP INDEX "+ix); err != nil {
				return err
			}
		}
		if err := execAll(ctx, t, indexes...); err != nil {
			return err
		}
		st.s.bump()
		return nil
	})
}

// Discard drops the shadow tables; a stale staging leaves them to the newer one.
func (st *staging) Discard(ctx context.Context) error {
	return st.s.inWriter(ctx, func(t *sql.Tx) error {
		if !st.current() {
			return nil
		}
		for _, name := range tableNames {
			if err := execAll(ctx, t, "DROP TABLE IF EXISTS "+name+shadow); err != nil {
				return err
			}
		}
		st.s.bump()
		return nil
	})
}

// inWriter runs fn in a writer transaction and commits it.
func (s *Store) inWriter(ctx context.Context, fn func(*sql.Tx) error) error {
	return inTx(ctx, s.w, fn)
}

// inTx runs fn in a transaction begun on db (the writer's pool or one of
// its connections) and commits it, or rolls it back when fn fails.
func inTx(ctx context.Context, db interface {
	BeginTx(context.Context, *sql.TxOptions) (*sql.Tx, error)
}, fn func(*sql.Tx) error) error {
	t, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	if err := fn(t); err != nil {
		return errors.Join(err, t.Rollback())
	}
	if err := t.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// inWriterTempFiles is inWriter with the writer connection's temporary
// files (statement journals, sort runs) on disk for the transaction
// (temp_store FILE: SQLite's temporary directory, as a file deleted when
// closed), and in memory again after it, whatever its outcome. The
// writer's pool holds one connection, pinned here so that both settings
// reach the connection the transaction runs on. Should the setting not go
// back, the connection is dropped instead (the pool opens another with the
// DSN's settings), and the transaction's outcome stands.
func (s *Store) inWriterTempFiles(ctx context.Context, fn func(*sql.Tx) error) error {
	c, err := s.w.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: writer: %w", err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "PRAGMA temp_store = FILE"); err != nil {
		return fmt.Errorf("sqlite: temp_store: %w", err)
	}
	defer func() {
		if _, err := c.ExecContext(context.WithoutCancel(ctx), "PRAGMA temp_store = MEMORY"); err != nil {
			_ = c.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return inTx(ctx, c, fn)
}

// execAll runs statements in order.
func execAll(ctx context.Context, t *sql.Tx, stmts ...string) error {
	for _, q := range stmts {
		if _, err := t.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite: %s: %w", q, err)
		}
	}
	return nil
}

// liveIndexes returns the CREATE INDEX statements of the live tables
// (automatic primary-key indexes have no SQL and come with the table).
func liveIndexes(ctx context.Context, t *sql.Tx) ([]string, error) {
	out, err := queryStrings(ctx, t, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ("+
		placeholders(len(tableNames))+") ORDER BY name", anySlice(tableNames)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read indexes: %w", err)
	}
	return out, nil
}

// queryStrings returns the one text column of every row q answers.
func queryStrings(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, q string, args ...any) ([]string, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// anySlice converts strings to query arguments.
func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// shadowDDL rewrites a live table's CREATE TABLE statement (as stored in
// sqlite_schema, where a renamed table's name is quoted) to create its shadow.
func shadowDDL(name, ddl string) (string, error) {
	rest, ok := strings.CutPrefix(ddl, "CREATE TABLE ")
	rest = strings.TrimLeft(rest, " \t\n")
	for _, quoted := range []string{`"` + name + `"`, "`" + name + "`", "[" + name + "]", "'" + name + "'", name} {
		after, found := strings.CutPrefix(rest, quoted)
		if ok && found && after != "" && strings.ContainsRune(" \t\n(", rune(after[0])) {
			return "CREATE TABLE " + name + shadow + after, nil
		}
	}
	return "", fmt.Errorf("sqlite: cannot derive shadow table from schema of %s: %.60q", name, ddl)
}
