package eventstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/memory"
)

func TestFollowBatchesAndStopsOnFnError(t *testing.T) {
	s := memory.New()
	eventstoretest.AppendN(t, s, "f", 0, 7)
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
		eventstoretest.AppendN(t, s, "w", i, 1)
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

// TestFollowWaitsAfterAShortPage: a page shorter than the batch is the
// end of the log as it was read, so Follow waits for a commit instead of
// reading an empty page; a full page is followed by another read at once;
// and a commit made while fn runs on a short page is still delivered.
func TestFollowWaitsAfterAShortPage(t *testing.T) {
	s := &eventstoretest.ReadCounter{Store: memory.New()}
	eventstoretest.AppendN(t, s, "f", 0, 5) // a full page of 3, then a short one of 2
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	got := make(chan []string, 10)
	done := make(chan error, 1)
	during := true // append once from fn, after the first short page
	go func() {
		done <- eventstore.Follow(ctx, s, eventstore.Position{}, 3, func(_ context.Context, recs []eventstore.Record) error {
			var ids []string
			for _, r := range recs {
				ids = append(ids, r.ID)
			}
			if len(recs) < 3 && during {
				during = false
				ev := eventstore.EventData{ID: "f-5", Type: "test.x", Schema: 1, Data: []byte(`{}`)}
				if _, err := s.Append(context.Background(), eventstore.AppendRequest{Stream: "f",
					Expected: eventstore.Exactly(5), Events: []eventstore.EventData{ev}}); err != nil {
					return err
				}
			}
			got <- ids
			return nil
		})
	}()
	want := []string{"[f-0 f-1 f-2]", "[f-3 f-4]", "[f-5]"}
	for _, w := range want {
		select {
		case ids := <-got:
			if fmt.Sprint(ids) != w {
				t.Fatalf("batch = %v, want %s", ids, w)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("no batch %s", w)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.Reads() < 3 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // would a fourth read follow?
	if n := s.Reads(); n != 3 {
		t.Errorf("%d reads for a full page and two short ones, want 3 (no read of an empty page)", n)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Follow = %v, want context.Canceled", err)
	}
}
