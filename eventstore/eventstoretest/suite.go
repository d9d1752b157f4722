// Package eventstoretest is the conformance suite every eventstore.Store
// adapter runs from its own tests, for the Features it declares.
package eventstoretest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/authledger/authledger/eventstore"
)

// Harness opens stores for the suite.
type Harness struct {
	// Open returns a fresh, empty store. The suite closes it (a second
	// Close from a t.Cleanup of the harness is fine).
	Open func(t *testing.T) eventstore.Store
	// Reopen closes old and opens the same storage again. Required when
	// Features.Durable.
	Reopen func(t *testing.T, old eventstore.Store) eventstore.Store
}

// Run runs every conformance case that applies to f against stores from h.
func Run(t *testing.T, h Harness, f eventstore.Features) {
	t.Helper()
	cases := []struct {
		name string
		run  func(t *testing.T, h Harness)
		skip bool
	}{
		{"RoundTrip", testRoundTrip, false},
		{"ExpectedVersion", testExpectedVersion, false},
		{"InvalidAppend", testInvalidAppend, false},
		{"AtomicMulti", testAtomicMulti, !f.AtomicMulti},
		{"MultiSameStream", testMultiSameStream, !f.AtomicMulti},
		{"Claims", testClaims, false},
		{"ClaimConflictWritesNothing", testClaimConflictWritesNothing, false},
		{"ReadStreamFrom", testReadStreamFrom, false},
		{"ReadAllPaging", testReadAllPaging, false},
		{"ConcurrentWriters", testConcurrentWriters, false},
		{"FollowerNeverSkips", testFollowerNeverSkips, false},
		{"CatchUpThenLive", testCatchUpThenLive, false},
		{"Cancellation", testCancellation, false},
		{"KeyStore", testKeyStore, false},
		{"Closed", testClosed, false},
		{"Reopen", testReopen, !f.Durable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.skip {
				t.Skip("adapter does not declare this feature")
			}
			c.run(t, h)
		})
	}
}

// open returns a fresh store closed at the end of the test.
func open(t *testing.T, h Harness) eventstore.Store {
	t.Helper()
	s := h.Open(t)
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// ctxT returns a context that ends with the test.
func ctxT(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newEvent returns a valid event with a random ID; n goes into the data.
func newEvent(n int) eventstore.EventData {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return eventstore.EventData{
		ID:         hex.EncodeToString(b[:]),
		Type:       "test.happened",
		Schema:     1,
		Data:       json.RawMessage(fmt.Sprintf(`{"n":%d}`, n)),
		Meta:       json.RawMessage(`{"actor":"tester"}`),
		KeyRef:     "person-1",
		OccurredAt: time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC),
	}
}

// events returns n valid events.
func events(n int) []eventstore.EventData {
	out := make([]eventstore.EventData, n)
	for i := range out {
		out[i] = newEvent(i)
	}
	return out
}

// mustAppend appends or fails the test.
func mustAppend(t *testing.T, s eventstore.Store, reqs ...eventstore.AppendRequest) eventstore.Position {
	t.Helper()
	pos, err := s.Append(ctxT(t), reqs...)
	if err != nil {
		t.Fatalf("Append: %v", err)
	}
	return pos
}

// readAll pages through the whole log with the given page size.
func readAll(t *testing.T, s eventstore.Store, page int) []eventstore.Record {
	t.Helper()
	var out []eventstore.Record
	var after eventstore.Position
	for {
		recs, err := s.ReadAll(ctxT(t), after, page)
		if err != nil {
			t.Fatalf("ReadAll(%s, %d): %v", after, page, err)
		}
		if len(recs) == 0 {
			return out
		}
		if len(recs) > page {
			t.Fatalf("ReadAll returned %d records, limit %d", len(recs), page)
		}
		out = append(out, recs...)
		after = recs[len(recs)-1].Position
	}
}

// readStream reads a stream or fails the test.
func readStream(t *testing.T, s eventstore.Store, stream string, from uint64) []eventstore.Record {
	t.Helper()
	recs, err := s.ReadStream(ctxT(t), stream, from)
	if err != nil {
		t.Fatalf("ReadStream(%q, %d): %v", stream, from, err)
	}
	return recs
}

// head returns the store's head or fails the test.
func head(t *testing.T, s eventstore.Store) eventstore.Position {
	t.Helper()
	p, err := s.Head(ctxT(t))
	if err != nil {
		t.Fatalf("Head: %v", err)
	}
	return p
}

// checkOrdered fails unless positions strictly increase.
func checkOrdered(t *testing.T, recs []eventstore.Record) {
	t.Helper()
	for i := 1; i < len(recs); i++ {
		if !recs[i-1].Position.Less(recs[i].Position) {
			t.Fatalf("position %s at index %d does not follow %s", recs[i].Position, i, recs[i-1].Position)
		}
	}
}
