package eventstoretest

import (
	"bytes"
	"errors"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// RunSnapshots runs the snapshot store cases against stores from h, which
// must implement eventstore.SnapshotStore. Reopen (when set) checks that
// snapshots survive a restart.
func RunSnapshots(t *testing.T, h Harness) {
	t.Helper()
	cases := []struct {
		name string
		run  func(t *testing.T, h Harness)
	}{
		{"NotFound", testSnapshotNotFound},
		{"Replace", testSnapshotReplace},
		{"Invalid", testSnapshotInvalid},
		{"Drop", testSnapshotDrop},
		{"OutsideTheLog", testSnapshotOutsideTheLog},
		{"Reopen", testSnapshotReopen},
		{"Closed", testSnapshotClosed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, h) })
	}
}

// snapshots returns the snapshot side of a fresh store.
func snapshots(t *testing.T, h Harness) (eventstore.Store, eventstore.SnapshotStore) {
	t.Helper()
	s := open(t, h)
	ss, ok := s.(eventstore.SnapshotStore)
	if !ok {
		t.Fatalf("%T does not implement eventstore.SnapshotStore", s)
	}
	return s, ss
}

// snap returns a valid snapshot of stream at version.
func snap(stream string, version uint64, format, data string) eventstore.Snapshot {
	return eventstore.Snapshot{Stream: stream, Version: version, RecordID: "rec-" + stream, Format: format, Data: []byte(data)}
}

// wantSnapshot fails unless stream's snapshot is want.
func wantSnapshot(t *testing.T, ss eventstore.SnapshotStore, want eventstore.Snapshot) {
	t.Helper()
	got, err := ss.GetSnapshot(ctxT(t), want.Stream)
	if err != nil {
		t.Fatalf("GetSnapshot(%q): %v", want.Stream, err)
	}
	if got.Stream != want.Stream || got.Version != want.Version || got.RecordID != want.RecordID ||
		got.Format != want.Format || !bytes.Equal(got.Data, want.Data) {
		t.Fatalf("GetSnapshot(%q) = %+v, want %+v", want.Stream, got, want)
	}
}

func mustPut(t *testing.T, ss eventstore.SnapshotStore, s eventstore.Snapshot) {
	t.Helper()
	if err := ss.PutSnapshot(ctxT(t), s); err != nil {
		t.Fatalf("PutSnapshot(%+v): %v", s, err)
	}
}

func testSnapshotNotFound(t *testing.T, h Harness) {
	_, ss := snapshots(t, h)
	if _, err := ss.GetSnapshot(ctxT(t), "nobody"); !errors.Is(err, eventstore.ErrSnapshotNotFound) {
		t.Fatalf("GetSnapshot of a stream without one: %v, want ErrSnapshotNotFound", err)
	}
}

// testSnapshotReplace: a newer or equal version of the same format
// replaces (an equal one is written only when the stored one could not be
// used), an older one does not; another format replaces whatever its
// version.
func testSnapshotReplace(t *testing.T, h Harness) {
	_, ss := snapshots(t, h)
	binary := string([]byte{0, 1, 2, 0xff, 0})
	steps := []struct {
		put  eventstore.Snapshot
		want eventstore.Snapshot
	}{
		{snap("g", 10, "v1", binary), snap("g", 10, "v1", binary)},
		{snap("g", 20, "v1", "newer"), snap("g", 20, "v1", "newer")},
		{snap("g", 15, "v1", "older"), snap("g", 20, "v1", "newer")},
		{snap("g", 20, "v1", "same"), snap("g", 20, "v1", "same")},
		{snap("g", 5, "v2", "other format"), snap("g", 5, "v2", "other format")},
	}
	for i, st := range steps {
		mustPut(t, ss, st.put)
		wantSnapshot(t, ss, st.want)
		if t.Failed() {
			t.Fatalf("step %d", i)
		}
	}
	mustPut(t, ss, snap("h", 1, "v1", "h"))
	wantSnapshot(t, ss, snap("g", 5, "v2", "other format"))
	wantSnapshot(t, ss, snap("h", 1, "v1", "h"))
}

func testSnapshotInvalid(t *testing.T, h Harness) {
	_, ss := snapshots(t, h)
	for _, bad := range []eventstore.Snapshot{
		{Version: 1, RecordID: "r", Format: "v1", Data: []byte("x")},
		{Stream: "g", RecordID: "r", Format: "v1", Data: []byte("x")},
		{Stream: "g", Version: 1, Format: "v1", Data: []byte("x")},
		{Stream: "g", Version: 1, RecordID: "r", Data: []byte("x")},
		{Stream: "g", Version: 1, RecordID: "r", Format: "v1"},
		{Stream: "g", Version: 1 << 63, RecordID: "r", Format: "v1", Data: []byte("x")},
	} {
		if err := ss.PutSnapshot(ctxT(t), bad); !errors.Is(err, eventstore.ErrBadSnapshot) {
			t.Errorf("PutSnapshot(%+v) = %v, want ErrBadSnapshot", bad, err)
		}
	}
	if _, err := ss.GetSnapshot(ctxT(t), "g"); !errors.Is(err, eventstore.ErrSnapshotNotFound) {
		t.Fatalf("a refused snapshot was stored: %v", err)
	}
}

func testSnapshotDrop(t *testing.T, h Harness) {
	_, ss := snapshots(t, h)
	for _, s := range []string{"a", "b", "c"} {
		mustPut(t, ss, snap(s, 3, "v1", s))
	}
	n, err := ss.DropSnapshots(ctxT(t))
	if err != nil || n != 3 {
		t.Fatalf("DropSnapshots = %d, %v; want 3", n, err)
	}
	for _, s := range []string{"a", "b", "c"} {
		if _, err := ss.GetSnapshot(ctxT(t), s); !errors.Is(err, eventstore.ErrSnapshotNotFound) {
			t.Errorf("GetSnapshot(%q) after the drop: %v", s, err)
		}
	}
	if n, err := ss.DropSnapshots(ctxT(t)); err != nil || n != 0 {
		t.Fatalf("second DropSnapshots = %d, %v; want 0", n, err)
	}
}

// testSnapshotOutsideTheLog: writing and dropping snapshots leaves the log,
// its head and stream versions alone.
func testSnapshotOutsideTheLog(t *testing.T, h Harness) {
	s, ss := snapshots(t, h)
	head := mustAppend(t, s, eventstore.AppendRequest{Stream: "g", Expected: eventstore.NoStream, Events: events(2)})
	mustPut(t, ss, snap("g", 2, "v1", "state"))
	mustPut(t, ss, snap("unknown", 7, "v1", "state"))
	if got, err := s.Head(ctxT(t)); err != nil || got != head {
		t.Fatalf("Head after PutSnapshot = %s, %v; want %s", got, err, head)
	}
	if recs := readAll(t, s, 10); len(recs) != 2 {
		t.Fatalf("the log has %d records after PutSnapshot, want 2", len(recs))
	}
	mustAppend(t, s, eventstore.AppendRequest{Stream: "g", Expected: eventstore.Exactly(2), Events: events(1)})
	mustAppend(t, s, eventstore.AppendRequest{Stream: "unknown", Expected: eventstore.NoStream, Events: events(1)})
	if _, err := ss.DropSnapshots(ctxT(t)); err != nil {
		t.Fatalf("DropSnapshots: %v", err)
	}
	if recs := readAll(t, s, 10); len(recs) != 4 {
		t.Fatalf("the log has %d records after DropSnapshots, want 4", len(recs))
	}
}

func testSnapshotReopen(t *testing.T, h Harness) {
	if h.Reopen == nil {
		t.Skip("adapter is not durable")
	}
	s := h.Open(t)
	ss := s.(eventstore.SnapshotStore)
	mustPut(t, ss, snap("g", 4, "v1", "kept"))
	s = h.Reopen(t, s)
	t.Cleanup(func() { _ = s.Close() })
	wantSnapshot(t, s.(eventstore.SnapshotStore), snap("g", 4, "v1", "kept"))
}

func testSnapshotClosed(t *testing.T, h Harness) {
	s, ss := snapshots(t, h)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := ss.GetSnapshot(ctxT(t), "g"); !errors.Is(err, eventstore.ErrClosed) {
		t.Errorf("GetSnapshot after Close: %v, want ErrClosed", err)
	}
	if err := ss.PutSnapshot(ctxT(t), snap("g", 1, "v1", "x")); !errors.Is(err, eventstore.ErrClosed) {
		t.Errorf("PutSnapshot after Close: %v, want ErrClosed", err)
	}
	if _, err := ss.DropSnapshots(ctxT(t)); !errors.Is(err, eventstore.ErrClosed) {
		t.Errorf("DropSnapshots after Close: %v, want ErrClosed", err)
	}
}
