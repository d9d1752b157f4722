package postgres

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
)

var _ eventstore.SnapshotStore = (*Store)(nil)

// The snapshot statements, with § for the schema. A snapshot is written
// by a statement of its own (autocommit), never inside an append.
const (
	getSnapshotSQL = "SELECT version, record_id, format, data FROM §snapshots WHERE stream = $1"
	putSnapshotSQL = `INSERT INTO §snapshots AS t (stream, version, record_id, format, data) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (stream) DO UPDATE SET version = excluded.version, record_id = excluded.record_id,
			format = excluded.format, data = excluded.data
		WHERE t.format <> excluded.format OR t.version <= excluded.version`
	dropSnapshotsSQL = "DELETE FROM §snapshots"
)

// inSchema fills the store's schema into a snapshot statement.
func (s *Store) inSchema(query string) string {
	return strings.ReplaceAll(query, "§", s.opts.Schema+".")
}

// GetSnapshot returns stream's snapshot or ErrSnapshotNotFound.
func (s *Store) GetSnapshot(ctx context.Context, stream string) (eventstore.Snapshot, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Snapshot{}, err
	}
	snap := eventstore.Snapshot{Stream: stream}
	var version int64
	err := s.pool.QueryRow(ctx, s.inSchema(getSnapshotSQL), stream).Scan(&version, &snap.RecordID, &snap.Format, &snap.Data)
	if errors.Is(err, pgx.ErrNoRows) {
		return eventstore.Snapshot{}, eventstore.ErrSnapshotNotFound
	}
	if err != nil {
		return eventstore.Snapshot{}, s.fail(ctx, "get snapshot", err)
	}
	snap.Version = uint64(max(version, 0))
	return snap, nil
}

// PutSnapshot stores snap unless a snapshot of its format at a newer
// version is stored.
func (s *Store) PutSnapshot(ctx context.Context, snap eventstore.Snapshot) error {
	if err := s.check(ctx); err != nil {
		return err
	}
	if err := eventstore.ValidSnapshot(snap); err != nil {
		return err
	}
	_, err := s.pool.Exec(ctx, s.inSchema(putSnapshotSQL), snap.Stream, int64(snap.Version), snap.RecordID, snap.Format, snap.Data)
	if err != nil {
		return s.fail(ctx, "put snapshot", err)
	}
	return nil
}

// DropSnapshots deletes every snapshot.
func (s *Store) DropSnapshots(ctx context.Context) (int64, error) {
	if err := s.check(ctx); err != nil {
		return 0, err
	}
	tag, err := s.pool.Exec(ctx, s.inSchema(dropSnapshotsSQL))
	if err != nil {
		return 0, s.fail(ctx, "drop snapshots", err)
	}
	return tag.RowsAffected(), nil
}
