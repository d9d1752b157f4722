package memory

import (
	"context"
	"slices"

	"github.com/authledger/authledger/eventstore"
)

var _ eventstore.SnapshotStore = (*Store)(nil)

// GetSnapshot returns stream's snapshot or ErrSnapshotNotFound.
func (s *Store) GetSnapshot(ctx context.Context, stream string) (eventstore.Snapshot, error) {
	if err := ctx.Err(); err != nil {
		return eventstore.Snapshot{}, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return eventstore.Snapshot{}, eventstore.ErrClosed
	}
	snap, ok := s.snaps[stream]
	if !ok {
		return eventstore.Snapshot{}, eventstore.ErrSnapshotNotFound
	}
	snap.Data = slices.Clone(snap.Data)
	return snap, nil
}

// PutSnapshot stores snap unless a snapshot of its format at a newer
// version is stored.
func (s *Store) PutSnapshot(ctx context.Context, snap eventstore.Snapshot) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := eventstore.ValidSnapshot(snap); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return eventstore.ErrClosed
	}
	if old, ok := s.snaps[snap.Stream]; ok && old.Format == snap.Format && old.Version > snap.Version {
		return nil
	}
	snap.Data = slices.Clone(snap.Data)
	s.snaps[snap.Stream] = snap
	return nil
}

// DropSnapshots deletes every snapshot.
func (s *Store) DropSnapshots(ctx context.Context) (int64, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, eventstore.ErrClosed
	}
	n := int64(len(s.snaps))
	clear(s.snaps)
	return n, nil
}
