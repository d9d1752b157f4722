package sqlite

import (
	"context"
	"database/sql"
	"errors"

	"github.com/authledger/authledger/eventstore"
)

var _ eventstore.SnapshotStore = (*Store)(nil)

// The snapshot statements are not prepared on the writer: they run
// rarely (a snapshot is written after a long fold), each as a job of its
// own in the writer's queue, in a savepoint of its own beside, never
// inside, an append.
const (
	getSnapshotSQL = "SELECT version, record_id, format, data FROM snapshots WHERE stream = ?"
	putSnapshotSQL = `INSERT INTO snapshots (stream, version, record_id, format, data) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (stream) DO UPDATE SET version = excluded.version, record_id = excluded.record_id,
			format = excluded.format, data = excluded.data
		WHERE snapshots.format <> excluded.format OR snapshots.version <= excluded.version`
	dropSnapshotsSQL = "DELETE FROM snapshots"
)

// GetSnapshot returns stream's snapshot or ErrSnapshotNotFound.
func (s *Store) GetSnapshot(ctx context.Context, stream string) (eventstore.Snapshot, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Snapshot{}, err
	}
	snap := eventstore.Snapshot{Stream: stream}
	var version int64
	err := s.rdb.QueryRowContext(ctx, getSnapshotSQL, stream).Scan(&version, &snap.RecordID, &snap.Format, &snap.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return eventstore.Snapshot{}, eventstore.ErrSnapshotNotFound
	}
	if err != nil {
		return eventstore.Snapshot{}, s.readErr(ctx, err)
	}
	snap.Version = uint64(max(version, 0))
	return snap, nil
}

// PutSnapshot stores snap unless a snapshot of its format at a newer
// version is stored.
func (s *Store) PutSnapshot(ctx context.Context, snap eventstore.Snapshot) error {
	if err := eventstore.ValidSnapshot(snap); err != nil {
		return err
	}
	_, err := s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		_, err := tx.w.conn.ExecContext(ctx, putSnapshotSQL, snap.Stream, int64(snap.Version), snap.RecordID, snap.Format, snap.Data)
		return eventstore.Position{}, err
	})
	return err
}

// DropSnapshots deletes every snapshot.
func (s *Store) DropSnapshots(ctx context.Context) (int64, error) {
	var n int64
	_, err := s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		res, err := tx.w.conn.ExecContext(ctx, dropSnapshotsSQL)
		if err == nil {
			n, err = res.RowsAffected()
		}
		return eventstore.Position{}, err
	})
	return n, err
}
