package eventstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

func appendN(t *testing.T, s eventstore.Store, stream string, from, n int) {
	t.Helper()
	for i := range n {
		ev := eventstore.EventData{ID: fmt.Sprintf("%s-%d", stream, from+i), Type: "test.x", Schema: 1, Data: []byte(`{}`)}
		if _, err := s.Append(context.Background(), eventstore.AppendRequest{Stream: stream,
			Expected: eventstore.Exactly(uint64(from + i)), Events: []eventstore.EventData{ev}}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFollowBatchesAndStopsOnFnError(t *testing.T) {
	s := memory.New()
	appendN(t, s, "f", 0, 7)
	stop := errors.New("stop")
	var batches []int
	var seen []string
	err := eventstore.Follow(context.Background(), s, eventstore.Position{Lo: 2}, 3, func(_ context.Context, recs []eventstore.Record) error {
		batches = append(batches, len(recs))
		for _, r := range recs {
			seen = append(seen, r.ID)
		}
		if len(seen) == 5 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) {
		t.Fatalf("Follow = %v, want the fn error", err)
	}
	if got, want := fmt.Sprint(batches, seen), "[3 2] [f-2 f-3 f-4 f-5 f-6]"; got != want {
		t.Errorf("batches, records = %s, want %s", got, want)
	}
}

func TestFollowWakesOnAppendAndStopsOnCancel(t *testing.T) {
	s := memory.New()
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan string)
	done := make(chan error, 1)
	go func() {
		done <- eventstore.Follow(ctx, s, eventstore.Position{}, 0, func(_ context.Context, recs []eventstore.Record) error {
			for _, r := range recs {
				got <- r.ID
			}
			return nil
		})
	}()
	for i := range 3 {
		appendN(t, s, "w", i, 1)
		if id := <-got; id != fmt.Sprintf("w-%d", i) {
			t.Fatalf("followed %s, want w-%d", id, i)
		}
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow = %v, want context.Canceled", err)
	}
}

func TestFollowReturnsStoreErrors(t *testing.T) {
	s := memory.New()
	_ = s.Close()
	err := eventstore.Follow(context.Background(), s, eventstore.Position{}, 10, func(context.Context, []eventstore.Record) error { return nil })
	if !errors.Is(err, eventstore.ErrClosed) {
		t.Errorf("Follow on a closed store = %v, want ErrClosed", err)
	}
}
