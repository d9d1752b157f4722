package eventstore_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// listCodec encodes the test list as JSON; with block set, Encode says
// so on entered and waits until block is closed.
type listCodec struct {
	entered chan struct{}
	block   chan struct{}
}

func (listCodec) Format() string { return "list/json/1" }

func (c listCodec) Encode(_ context.Context, s []string) ([]byte, error) {
	if c.block != nil {
		c.entered <- struct{}{}
		<-c.block
	}
	return json.Marshal(s)
}

func (listCodec) Decode(_ context.Context, b []byte) ([]string, error) {
	var s []string
	err := json.Unmarshal(b, &s)
	return s, err
}

// snapshotOf returns the version of list-1's snapshot (0: none).
func snapshotOf(t *testing.T, ss eventstore.SnapshotStore, stream string) uint64 {
	t.Helper()
	snap, err := ss.GetSnapshot(context.Background(), stream)
	if errors.Is(err, eventstore.ErrSnapshotNotFound) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return snap.Version
}

// TestSnapshotsWrittenEveryAfterRecords: a snapshot is written once a
// fold goes `after` records past the last one, whether those records came
// in one load or over many cached loads; a new process starts from it
// and reads only the records from its version on.
func TestSnapshotsWrittenEveryAfterRecords(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	ss := f.store
	sn := eventstore.NewSnapshots[[]string](ss, listCodec{}, 3, nil)
	cache := eventstore.NewFoldCache[[]string](8).Persist(sn)
	steps := []struct {
		add  int
		want uint64 // snapshot version after the load
	}{{2, 0}, {1, 3}, {2, 3}, {1, 6}, {7, 13}}
	n := 0
	for i, st := range steps {
		for range st.add {
			if _, err := eventstore.Handle(ctx, f.p, f.add(fmt.Sprintf("e%d", n))); err != nil {
				t.Fatal(err)
			}
			n++
		}
		if _, _, err := eventstore.LoadCached(ctx, f.store, f.codec, listDecider(), "list-1", cache); err != nil {
			t.Fatal(err)
		}
		sn.Wait()
		if got := snapshotOf(t, ss, "list-1"); got != st.want {
			t.Fatalf("step %d: snapshot at %d, want %d", i, got, st.want)
		}
	}
	if _, err := eventstore.Handle(ctx, f.p, f.add("tail")); err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{Store: f.store}
	restarted := eventstore.NewFoldCache[[]string](8).Persist(eventstore.NewSnapshots[[]string](ss, listCodec{}, 100, nil))
	got, v, err := eventstore.LoadCached(ctx, cs, f.codec, listDecider(), "list-1", restarted)
	if err != nil {
		t.Fatal(err)
	}
	want, wv, _ := eventstore.Load(ctx, f.store, f.codec, listDecider(), "list-1")
	if fmt.Sprint(got) != fmt.Sprint(want) || v != wv || cs.read != 2 {
		t.Fatalf("restarted load = %v@%d reading %d records; want %v@%d reading 2 (the snapshot's and the tail)", got, v, cs.read, want, wv)
	}
}

// TestSnapshotsNotWrittenAfterClear: a write still waiting when the cache
// is cleared (an erasure) is dropped: a state decoded before the erasure
// is not persisted after it.
func TestSnapshotsNotWrittenAfterClear(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	ss := f.store
	codec := listCodec{entered: make(chan struct{}, 2), block: make(chan struct{})}
	sn := eventstore.NewSnapshots[[]string](ss, codec, 1, nil)
	cache := eventstore.NewFoldCache[[]string](8).Persist(sn)
	for _, stream := range []string{"list-1", "list-2"} {
		cmd := f.add("someone@example.test")
		cmd.Stream = stream
		if _, err := eventstore.Handle(ctx, f.p, cmd); err != nil {
			t.Fatal(err)
		}
	}
	// list-1's write takes the writer and blocks in Encode; list-2's waits.
	if _, _, err := eventstore.LoadCached(ctx, f.store, f.codec, listDecider(), "list-1", cache); err != nil {
		t.Fatal(err)
	}
	<-codec.entered
	if _, _, err := eventstore.LoadCached(ctx, f.store, f.codec, listDecider(), "list-2", cache); err != nil {
		t.Fatal(err)
	}
	cache.Clear()
	close(codec.block)
	sn.Wait()
	if got := snapshotOf(t, ss, "list-2"); got != 0 {
		t.Fatalf("a write queued before Clear stored a snapshot at %d", got)
	}
}

// TestSnapshotsCorruptReplaced: a snapshot that does not decode is not
// used (the load folds the whole stream and reports it), and the load's
// snapshot at the same version takes its place, so the next process
// starts from a good one instead of folding everything until the stream
// grows.
func TestSnapshotsCorruptReplaced(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	for i := range 4 {
		if _, err := eventstore.Handle(ctx, f.p, f.add(fmt.Sprintf("e%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := f.store.ReadStream(ctx, "list-1", 4)
	if err != nil || len(recs) != 1 {
		t.Fatalf("record 4: %v %v", recs, err)
	}
	if err := f.store.PutSnapshot(ctx, eventstore.Snapshot{Stream: "list-1", Version: 4, RecordID: recs[0].ID,
		Format: listCodec{}.Format(), Data: []byte("{not json")}); err != nil {
		t.Fatal(err)
	}
	var reported []error
	sn := eventstore.NewSnapshots[[]string](f.store, listCodec{}, 3, func(err error) { reported = append(reported, err) })
	got, v, err := eventstore.LoadCached(ctx, f.store, f.codec, listDecider(), "list-1", eventstore.NewFoldCache[[]string](8).Persist(sn))
	if err != nil || v != 4 || fmt.Sprint(got) != "[e0 e1 e2 e3]" {
		t.Fatalf("load over a corrupt snapshot = %v@%d, %v; want the full fold [e0 e1 e2 e3]@4", got, v, err)
	}
	sn.Wait()
	if len(reported) != 1 {
		t.Fatalf("reported %v, want the one snapshot that did not decode", reported)
	}
	snap, err := f.store.GetSnapshot(ctx, "list-1")
	if err != nil {
		t.Fatal(err)
	}
	if decoded, err := (listCodec{}).Decode(ctx, snap.Data); err != nil || snap.Version != 4 || fmt.Sprint(decoded) != "[e0 e1 e2 e3]" {
		t.Fatalf("snapshot after the load = %q@%d (%v), want the fold's state at 4", snap.Data, snap.Version, err)
	}
}
