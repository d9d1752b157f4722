package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/authledger/authledger/eventstore"
	sqlite3 "modernc.org/sqlite/lib"
)

// writer holds the single write connection and its prepared statements.
// Only the writer goroutine (and Open/Close) use it.
type writer struct {
	conn *sql.Conn

	begin, commit, rollback, save, release, rollbackTo *sql.Stmt

	version, insertEvent, insertStream, upsertStream, head *sql.Stmt
	claimOwner, insertClaim, releaseClaim                  *sql.Stmt
	putKey, getKey, destroyKey                             *sql.Stmt
	all                                                    []*sql.Stmt
}

func newWriter(ctx context.Context, conn *sql.Conn) (*writer, error) {
	w := &writer{conn: conn}
	stmts := []struct {
		dst   **sql.Stmt
		query string
	}{
		{&w.begin, "BEGIN IMMEDIATE"},
		{&w.commit, "COMMIT"},
		{&w.rollback, "ROLLBACK"},
		{&w.save, "SAVEPOINT job"},
		{&w.release, "RELEASE job"},
		{&w.rollbackTo, "ROLLBACK TO job"},
		{&w.version, "SELECT version FROM streams WHERE stream = ?"},
		{&w.insertEvent, `INSERT INTO events (id, stream, version, type, schema, data, meta, key_ref, occurred_at, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.insertStream, "INSERT INTO streams (stream, version) VALUES (?, ?) ON CONFLICT (stream) DO NOTHING"},
		{&w.upsertStream, `INSERT INTO streams (stream, version) VALUES (?, ?)
			ON CONFLICT (stream) DO UPDATE SET version = excluded.version`},
		{&w.head, "SELECT coalesce(max(pos), 0) FROM events"},
		{&w.claimOwner, "SELECT owner FROM claims WHERE kind = ? AND key = ?"},
		{&w.insertClaim, "INSERT INTO claims (kind, key, owner) VALUES (?, ?, ?) ON CONFLICT (kind, key) DO NOTHING"},
		{&w.releaseClaim, "DELETE FROM claims WHERE kind = ? AND key = ? AND owner = ?"},
		{&w.putKey, "INSERT INTO keystore (subject, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING"},
		{&w.getKey, "SELECT wrapped FROM keystore WHERE subject = ?"},
		{&w.destroyKey, "DELETE FROM keystore WHERE subject = ?"},
	}
	for _, st := range stmts {
		stmt, err := conn.PrepareContext(ctx, st.query)
		if err != nil {
			_ = w.close()
			return nil, fmt.Errorf("prepare %q: %w", st.query, err)
		}
		*st.dst = stmt
		w.all = append(w.all, stmt)
	}
	return w, nil
}

func (w *writer) close() error {
	var errs []error
	for _, st := range w.all {
		errs = append(errs, st.Close())
	}
	errs = append(errs, w.conn.Close())
	return errors.Join(errs...)
}

// exec runs a parameterless statement.
func (w *writer) exec(ctx context.Context, st *sql.Stmt) error {
	_, err := st.ExecContext(ctx)
	return err
}

// runJob runs one job in a savepoint. A check failure rolls back to the
// savepoint and becomes the job's result; any other error is returned as
// fatal for the batch. wrote reports that the job inserted records.
func (w *writer) runJob(ctx context.Context, tx *writeTx, j *job) (res result, wrote bool, fatal error) {
	if err := w.exec(ctx, w.save); err != nil {
		return result{}, false, err
	}
	tx.wrote, tx.shred = false, false
	pos, err := j.exec(ctx, tx)
	if err != nil {
		if !isCheckFailure(err) {
			return result{}, false, err
		}
		if err := w.exec(ctx, w.rollbackTo); err != nil {
			return result{}, false, err
		}
		if err := w.exec(ctx, w.release); err != nil {
			return result{}, false, err
		}
		if sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT {
			err = fmt.Errorf("%w: %w", eventstore.ErrInvalidAppend, err)
		}
		return result{err: err}, false, nil
	}
	if err := w.exec(ctx, w.release); err != nil {
		return result{}, false, err
	}
	return result{pos: pos, shred: tx.shred}, tx.wrote, nil
}

// truncateWAL checkpoints the whole WAL into the database file and
// truncates it to nothing (waiting for readers of older snapshots up to
// the busy timeout), so no page image it held stays in the files. It runs
// outside a transaction. A checkpoint that readers kept from finishing is
// an error: the WAL may still hold what it was meant to remove.
func (w *writer) truncateWAL(ctx context.Context) error {
	var busy, frames, done int
	if err := w.conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &frames, &done); err != nil {
		return fmt.Errorf("sqlite: truncate the WAL: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("sqlite: truncate the WAL: %w: readers kept it from finishing", eventstore.ErrUnavailable)
	}
	return nil
}

// writeTx is the state a job sees: the statements and the batch's commit
// time. wrote and shred are reset for every job.
type writeTx struct {
	w     *writer
	now   int64 // recorded_at of the whole batch, unix nanoseconds
	wrote bool
	// shred asks for the WAL to be emptied once the batch commits: the job
	// deleted secrets (a data key) whose old pages the WAL still holds.
	shred bool
}
