package sessionindex_test

import (
	"context"
	"encoding/hex"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// memoryBudget is the documented bound on the heap a million sessions
// hold in the index: 300 MB (decimal, as the memory benchmark reports).
const memoryBudget = 300_000_000

// byPosition decodes a record into the event the test stored for its
// position.
type byPosition map[eventstore.Position]domain.Event

func (d byPosition) Decode(_ context.Context, r eventstore.Record) (domain.Event, domain.Metadata, error) {
	return d[r.Position], domain.Metadata{}, nil
}

// TestMillionSessionsUnder300MB fills an index, through its public API,
// with one million sessions of 100,000 people (ids, token hashes, IPs and
// user agents shaped like the server's), checks a sample can be looked
// up, and enforces the documented budget on the live heap it holds after a
// garbage collection. Skipped with -short (it takes seconds and a few
// hundred MB).
func TestMillionSessionsUnder300MB(t *testing.T) {
	if testing.Short() {
		t.Skip("fills an index with a million sessions (skipped in -short mode)")
	}
	const people, sessions = 100_000, 1_000_000
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	uas := []string{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "curl/8.5.0"}
	token := func(i int) [32]byte { return sessionindex.HashToken(fmt.Sprint("token", i)) }

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	x := sessionindex.New()
	var lo uint64
	batch := make([]domain.Event, 0, 10_000)
	flush := func() {
		dec, recs := byPosition{}, make([]eventstore.Record, len(batch))
		for i, ev := range batch {
			lo++
			pos := eventstore.Position{Lo: lo}
			dec[pos], recs[i] = ev, eventstore.Record{Position: pos, Type: ev.EventType()}
		}
		if err := x.ApplyRecords(context.Background(), dec, recs); err != nil {
			t.Fatal(err)
		}
		batch = batch[:0]
	}
	add := func(ev domain.Event) {
		if batch = append(batch, ev); len(batch) == cap(batch) {
			flush()
		}
	}
	for p := range people {
		add(person.SignedUp{PersonID: fmt.Sprintf("P%031d", p), Email: fmt.Sprintf("user%d@example.com", p), Name: "User", At: t0})
	}
	for i := range sessions {
		h := token(i)
		add(session.Created{SessionID: fmt.Sprintf("S%031d", i), PersonID: fmt.Sprintf("P%031d", i%people),
			TokenHash: hex.EncodeToString(h[:]), ExpiresAt: t0.Add(time.Hour), IP: fmt.Sprintf("10.0.%d.%d", i%256/16, i%16),
			UserAgent: uas[i%len(uas)], At: t0})
	}
	flush()
	batch = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)

	if x.Len() != sessions {
		t.Fatalf("index holds %d sessions, want %d", x.Len(), sessions)
	}
	for _, i := range []int{0, 1, 123_456, sessions - 1} {
		s, u, ok := x.Lookup(token(i))
		if !ok || s.ID != fmt.Sprintf("S%031d", i) || u.Email != fmt.Sprintf("user%d@example.com", i%people) {
			t.Errorf("session %d: lookup %v %+v %+v", i, ok, s, u)
		}
	}
	t.Logf("a million sessions hold %.1f MB of heap (budget %d MB)", float64(held)/1e6, memoryBudget/1_000_000)
	if held >= memoryBudget {
		t.Errorf("a million sessions hold %.1f MB of heap, over the %d MB budget", float64(held)/1e6, memoryBudget/1_000_000)
	}
	runtime.KeepAlive(x)
}
