package webhooks_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/eventstore/eventstoretest"
	"github.com/authledger/authledger/eventstore/memory"
)

// TestIndexCatchUpStopsAtAShortPage: a page shorter than the read's limit
// was the end of the log, so CatchUp stops there instead of reading an
// empty page; after a full page it reads on.
func TestIndexCatchUpStopsAtAShortPage(t *testing.T) {
	ctx := context.Background()
	log := &eventstoretest.ReadCounter{Store: memory.New()}
	eventstoretest.AppendN(t, log, "s", 0, 3)
	x := webhooks.NewIndex()
	if err := x.CatchUp(ctx, log, nil); err != nil { // no endpoint records: nothing to decode
		t.Fatal(err)
	}
	if n := log.Reads(); n != 1 {
		t.Errorf("%d reads to catch up on 3 records, want 1", n)
	}
	eventstoretest.AppendN(t, log, "s", 3, 1001)
	if err := x.CatchUp(ctx, log, nil); err != nil {
		t.Fatal(err)
	}
	if n := log.Reads() - 1; n != 2 { // a full page of 1000, then the last record
		t.Errorf("%d reads to catch up on 1001 records, want 2", n)
	}
}
