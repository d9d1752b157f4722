package operatorkeys_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/memory"
)

// TestIndexReadsNoEmptyPage: after a page shorter than its read (the end of
// the log) the index's Follow waits for a commit, and CatchUp stops,
// instead of reading an empty page; records appended later still arrive.
func TestIndexReadsNoEmptyPage(t *testing.T) {
	log := &eventstoretest.ReadCounter{Store: memory.New()}
	head := eventstoretest.AppendN(t, log, "s", 0, 3)
	if err := operatorkeys.NewIndex().CatchUp(context.Background(), log, nil); err != nil {
		t.Fatal(err) // no operator key records: nothing to decode
	}
	if n := log.Reads(); n != 1 {
		t.Errorf("CatchUp: %d reads of 3 records, want 1", n)
	}

	x := operatorkeys.NewIndex()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- x.Follow(ctx, log, nil) }()
	defer func() { cancel(); <-done }()
	wait := func(pos eventstore.Position) {
		t.Helper()
		wctx, stop := context.WithTimeout(ctx, 5*time.Second)
		defer stop()
		if err := x.WaitFor(wctx, pos); err != nil {
			t.Fatal(err)
		}
	}
	wait(head)
	time.Sleep(50 * time.Millisecond) // would an empty read follow?
	if n := log.Reads() - 1; n != 1 {
		t.Errorf("Follow: %d reads of 3 records, want 1", n)
	}
	wait(eventstoretest.AppendN(t, log, "s", 3, 2))
}
