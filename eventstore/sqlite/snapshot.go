package sqlite

import (
	"bytes"
	"context"
	"database/sql"

	"github.com/authledger/authledger/eventstore"
)

var _ eventstore.SnapshotStore = (*Store)(nil)

// The snapshot writes are not prepared on the writer: they run rarely (a
// snapshot is written after a long fold), each as a job of its own in the
// writer's queue, in a savepoint of its own beside, never inside, an
// append. The read is prepared with the read pool's other statements: it is
// the first statement a restarted server runs for a long stream, and
// parsing it then was a twentieth of that request.
const (
	getSnapshotSQL = "SELECT version, record_id, format, data FROM snapshots WHERE stream = ?"
	putSnapshotSQL = `INSERT INTO snapshots (stream, version, record_id, format, data) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (stream) DO UPDATE SET version = excluded.version, record_id = excluded.record_id,
			format = excluded.format, data = excluded.data
		WHERE snapshots.format <> excluded.format OR snapshots.version <= excluded.version`
	dropSnapshotsSQL = "DELETE FROM snapshots"
)

// GetSnapshot returns stream's snapshot or ErrSnapshotNotFound. The data
// is copied once out of the driver's buffer (sql.RawBytes): scanning into a
// []byte would have database/sql zero a second buffer of the snapshot's
// size (hundreds of KiB for a large organization) before copying into it.
func (s *Store) GetSnapshot(ctx context.Context, stream string) (eventstore.Snapshot, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Snapshot{}, err
	}
	rows, err := s.reads.snapshot.QueryContext(ctx, stream)
	if err != nil {
		return eventstore.Snapshot{}, s.readErr(ctx, err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return eventstore.Snapshot{}, s.readErr(ctx, err)
		}
		return eventstore.Snapshot{}, eventstore.ErrSnapshotNotFound
	}
	snap := eventstore.Snapshot{Stream: stream}
	var (
		version int64
		data    sql.RawBytes
	)
	if err := rows.Scan(&version, &snap.RecordID, &snap.Format, &data); err != nil {
		return eventstore.Snapshot{}, s.readErr(ctx, err)
	}
	snap.Data = bytes.Clone(data) // data is valid only until rows.Close
	snap.Version = uint64(max(version, 0))
	if err := rows.Close(); err != nil {
		return eventstore.Snapshot{}, s.readErr(ctx, err)
	}
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
