package eventstoretest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// guard bounds waits that only a broken adapter would hang on.
const guard = 30 * time.Second

// testCatchUpThenLive: Follow delivers the existing records, then new ones
// as they commit (woken by Changed), and returns ctx.Err() when cancelled.
func testCatchUpThenLive(t *testing.T, h Harness) {
	s := open(t, h)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "live", Expected: eventstore.NoStream, Events: events(3)})
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	got := make(chan eventstore.Record, 16)
	done := make(chan error, 1)
	go func() {
		done <- eventstore.Follow(ctx, s, eventstore.Position{}, 2, func(_ context.Context, recs []eventstore.Record) error {
			for _, r := range recs {
				got <- r
			}
			return nil
		})
	}()
	receive := func(version uint64) {
		t.Helper()
		select {
		case r := <-got:
			if r.Stream != "live" || r.Version != version {
				t.Fatalf("followed %s v%d, want live v%d", r.Stream, r.Version, version)
			}
		case <-time.After(guard):
			t.Fatalf("follower did not deliver live v%d", version)
		}
	}
	for v := range uint64(3) {
		receive(v + 1)
	}
	for v := uint64(3); v < 5; v++ {
		mustAppend(t, s, eventstore.AppendRequest{Stream: "live", Expected: eventstore.Exactly(v), Events: events(1)})
		receive(v + 1)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Follow returned %v, want context.Canceled", err)
		}
	case <-time.After(guard):
		t.Fatal("Follow did not return after cancel")
	}
}

// testCancellation: a cancelled context fails every call with ctx.Err()
// and writes nothing; Follow stops when its context ends.
func testCancellation(t *testing.T, h Harness) {
	s := open(t, h)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := eventstore.AppendRequest{Stream: "cancel", Expected: eventstore.Any, Events: events(1),
		Claims: []eventstore.Claim{{Kind: "email", Key: "c1", Owner: "cancel"}}}
	calls := []struct {
		name string
		call func() error
	}{
		{"Append", func() error { _, err := s.Append(ctx, req); return err }},
		{"ReadStream", func() error { _, err := s.ReadStream(ctx, "cancel", 0); return err }},
		{"ReadAll", func() error { _, err := s.ReadAll(ctx, eventstore.Position{}, 10); return err }},
		{"Head", func() error { _, err := s.Head(ctx); return err }},
		{"LookupClaim", func() error { _, err := s.LookupClaim(ctx, "email", "c1"); return err }},
		{"PutKey", func() error { _, err := s.Keys().PutKey(ctx, "p", []byte("w")); return err }},
		{"GetKey", func() error { _, err := s.Keys().GetKey(ctx, "p"); return err }},
		{"Follow", func() error {
			return eventstore.Follow(ctx, s, eventstore.Position{}, 10, func(context.Context, []eventstore.Record) error { return nil })
		}},
	}
	for _, c := range calls {
		if err := c.call(); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context = %v, want context.Canceled", c.name, err)
		}
	}
	if got := head(t, s); !got.IsZero() {
		t.Errorf("Head = %s after a cancelled append, want zero", got)
	}
	if _, err := s.LookupClaim(ctxT(t), "email", "c1"); !errors.Is(err, eventstore.ErrClaimNotFound) {
		t.Errorf("LookupClaim after a cancelled append = %v, want ErrClaimNotFound", err)
	}
	if _, err := s.Keys().GetKey(ctxT(t), "p"); !errors.Is(err, eventstore.ErrKeyNotFound) {
		t.Errorf("GetKey after a cancelled PutKey = %v, want ErrKeyNotFound", err)
	}
}

// testClosed: after Close every call returns ErrClosed and waiting
// followers wake up.
func testClosed(t *testing.T, h Harness) {
	s := h.Open(t)
	changed := s.Changed()
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case <-changed:
	case <-time.After(guard):
		t.Fatal("Changed channel not closed by Close")
	}
	ctx := ctxT(t)
	calls := map[string]func() error{
		"Append": func() error {
			_, err := s.Append(ctx, eventstore.AppendRequest{Stream: "x", Expected: eventstore.Any, Events: events(1)})
			return err
		},
		"ReadStream": func() error { _, err := s.ReadStream(ctx, "x", 0); return err },
		"ReadAll":    func() error { _, err := s.ReadAll(ctx, eventstore.Position{}, 1); return err },
		"Head":       func() error { _, err := s.Head(ctx); return err },
		"GetKey":     func() error { _, err := s.Keys().GetKey(ctx, "p"); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, eventstore.ErrClosed) {
			t.Errorf("%s after Close = %v, want ErrClosed", name, err)
		}
	}
}

// testReopen: records, versions, claims and keys survive a restart, and
// positions keep increasing after it.
func testReopen(t *testing.T, h Harness) {
	if h.Reopen == nil {
		t.Fatal("Features.Durable needs Harness.Reopen")
	}
	s := h.Open(t)
	mustAppend(t, s, eventstore.AppendRequest{Stream: "durable", Expected: eventstore.NoStream, Events: events(2),
		Claims: []eventstore.Claim{{Kind: "email", Key: "d1", Owner: "durable"}}})
	if _, err := s.Keys().PutKey(ctxT(t), "durable", []byte("wrapped")); err != nil {
		t.Fatalf("PutKey: %v", err)
	}
	before := readAll(t, s, 10)
	s = h.Reopen(t, s)
	t.Cleanup(func() { _ = s.Close() })

	after := readAll(t, s, 10)
	if len(after) != len(before) {
		t.Fatalf("after reopen the log has %d records, want %d", len(after), len(before))
	}
	for i := range before {
		checkRecord(t, after[i], before[i].Stream, before[i].Version, eventstore.EventData{
			ID: before[i].ID, Type: before[i].Type, Schema: before[i].Schema, Data: before[i].Data,
			Meta: before[i].Meta, KeyRef: before[i].KeyRef, OccurredAt: before[i].OccurredAt,
		}, before[i].RecordedAt.Add(-time.Nanosecond))
		if after[i].Position != before[i].Position || !after[i].RecordedAt.Equal(before[i].RecordedAt) {
			t.Errorf("record %d moved from %s to %s", i, before[i].Position, after[i].Position)
		}
	}
	if owner, err := s.LookupClaim(ctxT(t), "email", "d1"); err != nil || owner != "durable" {
		t.Errorf("LookupClaim after reopen = %q, %v; want durable", owner, err)
	}
	if w, err := s.Keys().GetKey(ctxT(t), "durable"); err != nil || string(w) != "wrapped" {
		t.Errorf("GetKey after reopen = %q, %v; want wrapped", w, err)
	}
	pos := mustAppend(t, s, eventstore.AppendRequest{Stream: "durable", Expected: eventstore.Exactly(2), Events: events(1)})
	if !before[len(before)-1].Position.Less(pos) {
		t.Errorf("position after reopen %s does not follow %s", pos, before[len(before)-1].Position)
	}
}
