package main

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
)

// TestCollectWhenCaughtUp: the collection runs once the session index has
// applied the log's head, and not while it is behind.
func TestCollectWhenCaughtUp(t *testing.T) {
	ctx := context.Background()
	st := memory.New()
	codec := eventstore.NewCodec(registry.New(), eventstore.NewKeyring(st.Keys(), eventstore.DeriveKEK([]byte("a test secret of at least thirty-two bytes"))))
	at := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	const pid = "HJIJV88PYSHrR2jYVUlagJ0XqKtY00z8"
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: pid, Email: "a@example.com", Name: "A", Role: "user", At: at})
	if err != nil {
		t.Fatal(err)
	}
	req := eventstore.AppendRequest{Stream: domain.PersonStream(pid), Expected: eventstore.NoStream}
	for _, ev := range evs {
		d, err := codec.Encode(ctx, ev, domain.Metadata{Actor: pid, OccurredAt: at}, req.Stream)
		if err != nil {
			t.Fatal(err)
		}
		req.Events = append(req.Events, d)
	}
	if _, err := st.Append(ctx, req); err != nil {
		t.Fatal(err)
	}
	index := sessionindex.New()

	// Behind, and the server stops: no collection.
	stopped, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if collectWhenCaughtUp(stopped, st, index) {
		t.Fatal("collected while the index was behind the log")
	}

	// The index follows the log: one collection once it has caught up.
	follow, stop := context.WithCancel(ctx)
	defer stop()
	go func() { _ = index.Follow(follow, st, codec) }()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	if !collectWhenCaughtUp(ctx, st, index) {
		t.Fatal("no collection after the index caught up")
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if after.NumGC <= before.NumGC {
		t.Fatalf("collections %d before, %d after", before.NumGC, after.NumGC)
	}
	head, _ := st.Head(ctx)
	if index.Position().Less(head) {
		t.Fatalf("collected at %v, before the head %v", index.Position(), head)
	}
}
