package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

// snapshotStore returns the snapshot side of the event store, or nil when
// the adapter keeps none.
func snapshotStore(store eventstore.Store) eventstore.SnapshotStore {
	if ss, ok := store.(eventstore.SnapshotStore); ok {
		return ss
	}
	return nil
}

// snapshotsDropCmd deletes every aggregate snapshot. They are a cache:
// the next loads fold the log and write them again.
func snapshotsDropCmd(ctx context.Context, in *invocation) error {
	a, err := openCommandApp(ctx, in)
	if err != nil {
		return err
	}
	defer a.Close()
	ss := snapshotStore(a.store)
	if ss == nil {
		return errors.New("this event store keeps no snapshots")
	}
	n, err := ss.DropSnapshots(ctx)
	if err != nil {
		return fmt.Errorf("drop snapshots: %w", err)
	}
	_, err = fmt.Fprintf(in.stdout, "dropped %d snapshots\n", n)
	return err
}
