package eventstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// SnapshotCodec encodes one aggregate's folded state for a SnapshotStore.
// Decode reads bytes from the database: it must refuse (not panic on)
// anything Encode did not produce.
type SnapshotCodec[S any] interface {
	// Format names the state shape and encoding; change it whenever either
	// changes, so older snapshots are ignored and rewritten.
	Format() string
	Encode(ctx context.Context, s S) ([]byte, error)
	Decode(ctx context.Context, b []byte) (S, error)
}

// snapshotWriteTimeout bounds one background snapshot write.
const snapshotWriteTimeout = 30 * time.Second

// maxPendingSnapshots bounds the snapshot writes waiting at once; a load
// that would start one more leaves it to a later load.
const maxPendingSnapshots = 8

// Snapshots persists the states of a FoldCache (see FoldCache.Persist): a
// cache miss loads the stream's snapshot and the records after it, and a
// state that folded at least After records since its last snapshot is
// written in the background.
type Snapshots[S any] struct {
	store   SnapshotStore
	codec   SnapshotCodec[S]
	after   uint64
	onError func(error) // failed background writes and unusable snapshots

	mu      sync.Mutex
	pending map[string]bool // streams with a write queued or running
	write   sync.Mutex      // one write at a time: the store's writer is shared
	wg      sync.WaitGroup
}

// NewSnapshots returns a policy that writes a snapshot once after (≥ 1)
// records were folded since the last one. onError (nil: ignored) hears of
// snapshots that could not be written or used; the load goes on without
// them.
func NewSnapshots[S any](store SnapshotStore, codec SnapshotCodec[S], after int, onError func(error)) *Snapshots[S] {
	if onError == nil {
		onError = func(error) {}
	}
	return &Snapshots[S]{store: store, codec: codec, after: uint64(max(after, 1)), onError: onError,
		pending: make(map[string]bool)}
}

// Wait blocks until the background writes started so far have ended.
func (sn *Snapshots[S]) Wait() { sn.wg.Wait() }

// load returns the state of stream from its snapshot and the records
// after it, or initial and every record when there is no usable snapshot.
// from is the version the state is at (0: initial).
func (sn *Snapshots[S]) load(ctx context.Context, s Store, stream string, initial S) (S, uint64, []Record, error) {
	if state, snap, tail, ok := sn.fromSnapshot(ctx, s, stream); ok {
		return state, snap.Version, tail, nil
	}
	recs, err := s.ReadStream(ctx, stream, 0)
	return initial, 0, recs, err
}

// fromSnapshot returns the decoded snapshot of stream and the records
// after it; ok is false when there is none, or it is of another format,
// does not match the log, or does not decode.
func (sn *Snapshots[S]) fromSnapshot(ctx context.Context, s Store, stream string) (S, Snapshot, []Record, bool) {
	var zero S
	snap, err := sn.store.GetSnapshot(ctx, stream)
	if err != nil || snap.Format != sn.codec.Format() {
		if err != nil && !errors.Is(err, ErrSnapshotNotFound) {
			sn.onError(fmt.Errorf("eventstore: snapshot of %s: %w", stream, err))
		}
		return zero, snap, nil, false
	}
	recs, err := s.ReadStream(ctx, stream, snap.Version)
	if err != nil || len(recs) == 0 || recs[0].Version != snap.Version || recs[0].ID != snap.RecordID {
		return zero, snap, nil, false
	}
	state, err := sn.codec.Decode(ctx, snap.Data)
	if err != nil {
		sn.onError(fmt.Errorf("eventstore: snapshot of %s at %d: %w", stream, snap.Version, err))
		return zero, snap, nil, false
	}
	return state, snap, recs[1:], true
}

// due reports whether a state at version, last persisted at persisted,
// should be written.
func (sn *Snapshots[S]) due(version, persisted uint64) bool {
	return version >= persisted+sn.after
}

// save writes state (stream at version, whose last record is recordID)
// in the background unless a write of the stream is pending or too many
// are; current is asked just before the write whether the state may still
// be stored (an erasure since the fold says no). It reports whether a
// write was started.
func (sn *Snapshots[S]) save(stream string, state S, version uint64, recordID string, current func() bool) bool {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	if sn.pending[stream] || len(sn.pending) >= maxPendingSnapshots {
		return false
	}
	sn.pending[stream] = true
	sn.wg.Add(1)
	go func() {
		defer sn.wg.Done()
		defer sn.done(stream)
		if err := sn.put(stream, state, version, recordID, current); err != nil {
			sn.onError(fmt.Errorf("eventstore: write the snapshot of %s at %d: %w", stream, version, err))
		}
	}()
	return true
}

func (sn *Snapshots[S]) done(stream string) {
	sn.mu.Lock()
	defer sn.mu.Unlock()
	delete(sn.pending, stream)
}

// put encodes and stores one snapshot, one write at a time.
func (sn *Snapshots[S]) put(stream string, state S, version uint64, recordID string, current func() bool) error {
	sn.write.Lock()
	defer sn.write.Unlock()
	if !current() {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), snapshotWriteTimeout)
	defer cancel()
	data, err := sn.codec.Encode(ctx, state)
	if err != nil {
		return err
	}
	return sn.store.PutSnapshot(ctx, Snapshot{Stream: stream, Version: version, RecordID: recordID,
		Format: sn.codec.Format(), Data: data})
}
