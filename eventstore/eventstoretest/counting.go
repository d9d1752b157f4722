package eventstoretest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// ReadCounter is a store that counts its ReadAll calls, for tests of how
// often a follower reads.
type ReadCounter struct {
	eventstore.Store
	reads atomic.Int64
}

// ReadAll counts the call and reads from the wrapped store.
func (c *ReadCounter) ReadAll(ctx context.Context, after eventstore.Position, limit int) ([]eventstore.Record, error) {
	c.reads.Add(1)
	return c.Store.ReadAll(ctx, after, limit)
}

// Reads is the number of ReadAll calls so far.
func (c *ReadCounter) Reads() int64 { return c.reads.Load() }

// AppendN appends n events of type "test.other" to stream in one request
// (the stream must be at version from) and returns the last position.
func AppendN(t testing.TB, s eventstore.Store, stream string, from, n int) eventstore.Position {
	t.Helper()
	evs := make([]eventstore.EventData, n)
	for i := range evs {
		evs[i] = eventstore.EventData{ID: fmt.Sprintf("%s-%d", stream, from+i), Type: "test.other", Schema: 1, Data: []byte(`{}`)}
	}
	pos, err := s.Append(context.Background(), eventstore.AppendRequest{Stream: stream,
		Expected: eventstore.Exactly(uint64(from)), Events: evs})
	if err != nil {
		t.Fatal(err)
	}
	return pos
}
