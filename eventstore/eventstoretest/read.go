package eventstoretest

import (
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// testRoundTrip: every field of every event comes back, with RecordedAt set
// and positions increasing; Head and the returned position agree.
func testRoundTrip(t *testing.T, h Harness) {
	s := open(t, h)
	if got := head(t, s); !got.IsZero() {
		t.Fatalf("Head of empty store = %s, want zero", got)
	}
	a, b := events(2), events(1)
	a[1].Meta, a[1].KeyRef = nil, ""
	before := time.Now().Add(-time.Minute)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "rt-a", Expected: eventstore.NoStream, Events: a})
	last := mustAppend(t, s, eventstore.AppendRequest{Stream: "rt-b", Expected: eventstore.NoStream, Events: b})

	got := readAll(t, s, 10)
	if len(got) != 3 {
		t.Fatalf("ReadAll returned %d records, want 3", len(got))
	}
	checkOrdered(t, got)
	if got[2].Position != last {
		t.Errorf("Append returned %s, last record is at %s", last, got[2].Position)
	}
	if h := head(t, s); h != last {
		t.Errorf("Head = %s, want %s", h, last)
	}
	want := []struct {
		stream  string
		version uint64
		ev      eventstore.EventData
	}{{"rt-a", 1, a[0]}, {"rt-a", 2, a[1]}, {"rt-b", 1, b[0]}}
	for i, w := range want {
		checkRecord(t, got[i], w.stream, w.version, w.ev, before)
	}
	stream := readStream(t, s, "rt-a", 0)
	if len(stream) != 2 || stream[0].ID != a[0].ID || stream[1].ID != a[1].ID {
		t.Fatalf("ReadStream(rt-a) = %d records, want the 2 appended in order", len(stream))
	}
	for i := range stream {
		checkRecord(t, stream[i], "rt-a", uint64(i+1), a[i], before)
	}
	if recs := readStream(t, s, "rt-unknown", 0); len(recs) != 0 {
		t.Errorf("ReadStream(unknown) returned %d records, want 0", len(recs))
	}
}

func checkRecord(t *testing.T, got eventstore.Record, stream string, version uint64, want eventstore.EventData, before time.Time) {
	t.Helper()
	switch {
	case got.ID != want.ID, got.Stream != stream, got.Version != version:
		t.Errorf("record = %s %s v%d, want %s %s v%d", got.ID, got.Stream, got.Version, want.ID, stream, version)
	case got.Type != want.Type, got.Schema != want.Schema, got.KeyRef != want.KeyRef:
		t.Errorf("record %s = %q schema %d key %q, want %q %d %q", got.ID, got.Type, got.Schema, got.KeyRef, want.Type, want.Schema, want.KeyRef)
	case string(got.Data) != string(want.Data), string(got.Meta) != string(want.Meta):
		t.Errorf("record %s data %s meta %s, want %s %s", got.ID, got.Data, got.Meta, want.Data, want.Meta)
	case !got.OccurredAt.Equal(want.OccurredAt):
		t.Errorf("record %s OccurredAt = %v, want %v", got.ID, got.OccurredAt, want.OccurredAt)
	case got.RecordedAt.Before(before), got.RecordedAt.After(time.Now().Add(time.Minute)):
		t.Errorf("record %s RecordedAt = %v, want about now", got.ID, got.RecordedAt)
	case got.Position.IsZero():
		t.Errorf("record %s has the zero position", got.ID)
	}
}

// testReadStreamFrom: ReadStream honours the from version.
func testReadStreamFrom(t *testing.T, h Harness) {
	s := open(t, h)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "from", Expected: eventstore.NoStream, Events: events(5)})
	mustAppend(t, s, eventstore.AppendRequest{Stream: "other", Expected: eventstore.Any, Events: events(2)})
	tests := []struct {
		from      uint64
		wantFirst uint64
		wantLen   int
	}{{0, 1, 5}, {1, 1, 5}, {3, 3, 3}, {5, 5, 1}, {6, 0, 0}, {100, 0, 0}}
	for _, tt := range tests {
		got := readStream(t, s, "from", tt.from)
		if len(got) != tt.wantLen {
			t.Errorf("ReadStream(from %d) returned %d records, want %d", tt.from, len(got), tt.wantLen)
			continue
		}
		for i, r := range got {
			if r.Stream != "from" || r.Version != tt.wantFirst+uint64(i) {
				t.Errorf("ReadStream(from %d)[%d] = %s v%d, want from v%d", tt.from, i, r.Stream, r.Version, tt.wantFirst+uint64(i))
			}
		}
	}
}

// testReadAllPaging: pages of every size see the same log; after the head
// there is nothing; a non-positive limit is an error.
func testReadAllPaging(t *testing.T, h Harness) {
	s := open(t, h)
	for i := range 7 {
		mustAppend(t, s, eventstore.AppendRequest{Stream: "page", Expected: eventstore.Exactly(uint64(i * 3)), Events: events(3)})
	}
	full := readAll(t, s, 1000)
	if len(full) != 21 {
		t.Fatalf("ReadAll returned %d records, want 21", len(full))
	}
	checkOrdered(t, full)
	for _, page := range []int{1, 2, 5, 20, 21, 22} {
		got := readAll(t, s, page)
		if len(got) != len(full) {
			t.Fatalf("paging by %d returned %d records, want %d", page, len(got), len(full))
		}
		for i := range got {
			if got[i].ID != full[i].ID || got[i].Position != full[i].Position {
				t.Fatalf("paging by %d: record %d differs", page, i)
			}
		}
	}
	mid, err := s.ReadAll(ctxT(t), full[9].Position, 4)
	if err != nil || len(mid) != 4 || mid[0].ID != full[10].ID {
		t.Errorf("ReadAll(after record 10, 4) = %d records, %v; want records 11..14", len(mid), err)
	}
	if rest, err := s.ReadAll(ctxT(t), head(t, s), 10); err != nil || len(rest) != 0 {
		t.Errorf("ReadAll(after head) = %d records, %v; want none", len(rest), err)
	}
	if _, err := s.ReadAll(ctxT(t), eventstore.Position{}, 0); err == nil {
		t.Error("ReadAll with limit 0 succeeded, want an error")
	}
}
