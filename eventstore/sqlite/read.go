package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/authledger/authledger/eventstore"
)

const recordColumns = "pos, id, stream, version, type, schema, data, meta, key_ref, occurred_at, recorded_at"

// readStmts are the read pool's prepared statements.
type readStmts struct {
	stream, all, head, claim, key, snapshot *sql.Stmt
}

func (r *readStmts) prepare(ctx context.Context, db *sql.DB) error {
	for _, st := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&r.stream, "SELECT " + recordColumns + " FROM events WHERE stream = ? AND version >= ? ORDER BY version"},
		{&r.all, "SELECT " + recordColumns + " FROM events WHERE pos > ? ORDER BY pos LIMIT ?"},
		{&r.head, "SELECT coalesce(max(pos), 0) FROM events"},
		{&r.claim, "SELECT owner FROM claims WHERE kind = ? AND key = ?"},
		{&r.key, "SELECT wrapped FROM keystore WHERE subject = ?"},
		{&r.snapshot, getSnapshotSQL},
	} {
		stmt, err := db.PrepareContext(ctx, st.query)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", st.query, err)
		}
		*st.dst = stmt
	}
	return nil
}

func (r *readStmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{r.stream, r.all, r.head, r.claim, r.key, r.snapshot} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// ReadStream returns stream's records with Version ≥ from, in version order.
func (s *Store) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if from > math.MaxInt64 {
		return nil, nil
	}
	return s.query(ctx, s.reads.stream, stream, int64(from))
}

// ReadAll returns up to limit records after the position, in global order.
// Positions are rowids assigned under SQLite's single write lock and become
// visible only at commit, in order, so a reader never skips one.
func (s *Store) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, errors.New("sqlite: read limit must be positive")
	}
	if after.Hi > 0 || after.Lo > math.MaxInt64 {
		return nil, nil
	}
	return s.query(ctx, s.reads.all, int64(after.Lo), limit)
}

func (s *Store) query(ctx context.Context, st *sql.Stmt, args ...any) ([]eventstore.Record, error) {
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, s.readErr(ctx, err)
	}
	defer rows.Close()
	var out []eventstore.Record
	for rows.Next() {
		rec, err := scanRecord(rows)
		if err != nil {
			return nil, s.readErr(ctx, err)
		}
		out = append(out, rec)
	}
	if err := rows.Err(); err != nil {
		return nil, s.readErr(ctx, err)
	}
	return out, nil
}

func scanRecord(rows *sql.Rows) (eventstore.Record, error) {
	var (
		r            eventstore.Record
		pos, version int64
		data         string
		meta         sql.NullString
		occurred     sql.NullInt64
		recorded     int64
	)
	if err := rows.Scan(&pos, &r.ID, &r.Stream, &version, &r.Type, &r.Schema, &data, &meta, &r.KeyRef, &occurred, &recorded); err != nil {
		return r, err
	}
	r.Position = eventstore.Position{Lo: uint64(pos)}
	r.Version = uint64(version)
	r.Data = []byte(data)
	if meta.Valid {
		r.Meta = []byte(meta.String)
	}
	if occurred.Valid {
		r.OccurredAt = time.Unix(0, occurred.Int64).UTC()
	}
	r.RecordedAt = time.Unix(0, recorded).UTC()
	return r, nil
}

// Head returns the position of the last committed record.
func (s *Store) Head(ctx context.Context) (eventstore.Position, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Position{}, err
	}
	var pos int64
	if err := s.reads.head.QueryRowContext(ctx).Scan(&pos); err != nil {
		return eventstore.Position{}, s.readErr(ctx, err)
	}
	return eventstore.Position{Lo: uint64(pos)}, nil
}

// LookupClaim returns the owner stream of a claim or ErrClaimNotFound.
func (s *Store) LookupClaim(ctx context.Context, kind, key string) (string, error) {
	if err := s.check(ctx); err != nil {
		return "", err
	}
	var owner string
	err := s.reads.claim.QueryRowContext(ctx, kind, key).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return "", eventstore.ErrClaimNotFound
	}
	if err != nil {
		return "", s.readErr(ctx, err)
	}
	return owner, nil
}

// readErr prefers the context's error, then ErrClosed, then maps SQLite
// failures.
func (s *Store) readErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if s.closed.Load() {
		return eventstore.ErrClosed
	}
	return mapErr(fmt.Errorf("sqlite: read: %w", err))
}
