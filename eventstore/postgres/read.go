package postgres

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// ReadStream returns stream's records with Version ≥ from, in version
// order. Stream order needs no horizon: versions are assigned under the
// stream's row lock and commit in order.
func (s *Store) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if from > math.MaxInt64 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, s.q.readStream, stream, int64(from))
	if err != nil {
		return nil, s.fail(ctx, "read stream", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (eventstore.Record, error) {
		var r eventstore.Record
		return r, scanRecord(row, &r)
	})
	if err != nil {
		return nil, s.fail(ctx, "read stream", err)
	}
	return out, nil
}

// ReadAll returns up to limit records after the position, in (tx_id, seq)
// order, never beyond the visibility horizon (read by a first statement,
// see horizonSQL), so a reader never skips a position. When committed
// records wait beyond the horizon, the store's ticker wakes followers until
// it moves. Concurrent calls for the same position share one read (see
// readShare).
func (s *Store) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, errors.New("postgres: read limit must be positive")
	}
	if after.Lo > math.MaxInt64 {
		after.Lo = math.MaxInt64 // seq never gets there: "after everything of tx Hi"
	}
	recs, err := s.reads.read(ctx, s.wake.generation(), after, limit, s.readPage)
	if err != nil {
		return nil, s.fail(ctx, "read all", err)
	}
	return recs, nil
}

// readPage reads the horizon, then up to limit records after the position
// below it.
func (s *Store) readPage(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	h, _, err := s.readHorizon(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, s.q.readAll, h, after.Hi, int64(after.Lo), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []eventstore.Record
	var behind bool
	for rows.Next() {
		var r eventstore.Record
		var present bool
		if err := scanPageRow(rows, &r, &present, &behind); err != nil {
			return nil, err
		}
		if present {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if behind {
		s.wake.setBehind()
	}
	return out, nil
}

// scanRecord scans the recordColumns of a row.
func scanRecord(row pgx.Row, r *eventstore.Record) error {
	var (
		version  int64
		occurred *int64
		recorded time.Time
	)
	err := row.Scan(&r.Position.Hi, &r.Position.Lo, &r.ID, &r.Stream, &version, &r.Type, &r.Schema,
		&r.Data, &r.Meta, &r.KeyRef, &occurred, &recorded)
	if err != nil {
		return err
	}
	r.Version = uint64(version)
	if occurred != nil {
		r.OccurredAt = time.Unix(0, *occurred).UTC()
	}
	r.RecordedAt = recorded.UTC()
	return nil
}

// scanPageRow scans a row of readAll: recordColumns, which are NULL when
// the page is empty (present is then false), and the behind flag.
func scanPageRow(row pgx.Row, r *eventstore.Record, present, behind *bool) error {
	var (
		hi                      pgtype.Uint64
		lo, version, occurred   pgtype.Int8
		id, stream, typ, keyRef pgtype.Text
		schema                  pgtype.Int4
		recorded                pgtype.Timestamptz
	)
	err := row.Scan(&hi, &lo, &id, &stream, &version, &typ, &schema, &r.Data, &r.Meta, &keyRef, &occurred, &recorded, behind)
	if err != nil || !hi.Valid {
		return err
	}
	*present = true
	*r = eventstore.Record{ID: id.String, Stream: stream.String, Version: uint64(version.Int64),
		Position: eventstore.Position{Hi: hi.Uint64, Lo: uint64(lo.Int64)}, Type: typ.String,
		Schema: int(schema.Int32), Data: r.Data, Meta: r.Meta, KeyRef: keyRef.String, RecordedAt: recorded.Time.UTC()}
	if occurred.Valid {
		r.OccurredAt = time.Unix(0, occurred.Int64).UTC()
	}
	return nil
}

// LookupClaim returns the owner stream of a claim or ErrClaimNotFound.
func (s *Store) LookupClaim(ctx context.Context, kind, key string) (string, error) {
	if err := s.check(ctx); err != nil {
		return "", err
	}
	var owner string
	err := s.pool.QueryRow(ctx, s.q.claim, kind, key).Scan(&owner)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", eventstore.ErrClaimNotFound
	}
	if err != nil {
		return "", s.fail(ctx, "lookup claim", err)
	}
	return owner, nil
}
