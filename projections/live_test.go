package projections

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore/eventstoretest"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// TestLiveLoopWaitsAfterAShortBatch: a fresh batch shorter than BatchSize
// was the end of the log when read, so the live loop applies it and waits
// for the next commit, without reading an empty batch first; records
// appended later still arrive.
func TestLiveLoopWaitsAfterAShortBatch(t *testing.T) {
	st, codec := newLog(t)
	entries := loadStream(t, filepath.Join("testdata", "lifecycle.events.json"))
	head := appendStream(t, context.Background(), st, codec, entries[:3])
	log := &eventstoretest.ReadCounter{Store: st}
	r := newRunner(t, log, codec, ontmemory.New(), All(), Options{BatchSize: 1000})
	stop := start(t, r)
	defer stop()
	if err := waitFor(r, head); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // would an empty read follow?
	if n := log.Reads(); n != 1 {
		t.Errorf("%d reads for one short batch, want 1", n)
	}
	head = appendStream(t, context.Background(), st, codec, entries[3:])
	if err := waitFor(r, head); err != nil {
		t.Fatalf("records appended while the loop waited: %v", err)
	}
}
