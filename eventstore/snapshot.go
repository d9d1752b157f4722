package eventstore

import (
	"context"
	"errors"
	"math"
)

// Aggregate snapshots. A long stream (an organization of 10,000 members)
// costs its whole fold on the first load after a restart; a snapshot keeps
// a folded state beside the log so that load reads the snapshot and only
// the records after it. Snapshots are a cache, never the system of record:
//
//   - a load trusts a snapshot only when its format is the codec's current
//     one (a changed state shape or encoding is ignored and rewritten) and
//     the record at its version is the one it was folded up to (by record
//     ID), so a snapshot that does not belong to this log is never used;
//   - a missing, stale-format, undecodable or foreign snapshot falls back to
//     the full fold;
//   - snapshots are written off the request path, after a load that folded
//     many records, in a write of their own (never inside an append's
//     transaction), and any of them may be dropped at any time
//     (DropSnapshots, `authledger snapshots drop`).
//
// What a snapshot may hold is the codec's business: it must hold nothing
// that an erasure has to make unreadable unless it is sealed with the same
// per-subject key as in the log (see Codec.SealField), so destroying the
// key makes the snapshot's copy unreadable too.

// ErrSnapshotNotFound reports that a stream has no snapshot.
var ErrSnapshotNotFound = errors.New("eventstore: snapshot not found")

// Snapshot is an encoded folded state of Stream at Version.
type Snapshot struct {
	Stream   string
	Version  uint64 // the version of the last record folded (≥ 1)
	RecordID string // the ID of that record
	Format   string // the codec's format tag (SnapshotCodec.Format)
	Data     []byte // the encoded state
}

// SnapshotStore keeps at most one snapshot per stream beside the log.
// Adapters that keep snapshots implement it next to Store.
type SnapshotStore interface {
	// GetSnapshot returns stream's snapshot or ErrSnapshotNotFound.
	GetSnapshot(ctx context.Context, stream string) (Snapshot, error)
	// PutSnapshot stores s unless the stream has a snapshot of the same
	// format at a newer version (a snapshot of another format is
	// replaced). One at the same version is replaced: a load writes at a
	// version already snapshotted only when it could not use that
	// snapshot (it did not decode, or was made after another record), so
	// the new one must take its place. It is a write of its own, never
	// part of an append.
	PutSnapshot(ctx context.Context, s Snapshot) error
	// DropSnapshots deletes every snapshot and returns how many there were.
	DropSnapshots(ctx context.Context) (int64, error)
}

// ErrBadSnapshot reports a snapshot an adapter refuses to store.
var ErrBadSnapshot = errors.New("eventstore: snapshot needs a stream, version, record ID, format and data")

// ValidSnapshot checks the fields every adapter requires in PutSnapshot.
func ValidSnapshot(s Snapshot) error {
	if s.Stream == "" || s.Version == 0 || s.Version > math.MaxInt64 || s.RecordID == "" || s.Format == "" || len(s.Data) == 0 {
		return ErrBadSnapshot
	}
	return nil
}
