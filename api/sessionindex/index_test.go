package sessionindex

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// passthrough is a Decoder over records whose Data already holds the
// event value (tests only: the real codec is exercised by the api tests).
type passthrough map[eventstore.Position]domain.Event

func (p passthrough) Decode(_ context.Context, r eventstore.Record) (domain.Event, domain.Metadata, error) {
	return p[r.Position], domain.Metadata{}, nil
}

// feed applies events as consecutive records.
func feed(t testing.TB, x *Index, evs ...domain.Event) {
	t.Helper()
	dec := passthrough{}
	recs := make([]eventstore.Record, len(evs))
	start := x.Position().Lo
	for i, ev := range evs {
		pos := eventstore.Position{Lo: start + uint64(i) + 1}
		dec[pos] = ev
		recs[i] = eventstore.Record{Position: pos, Type: ev.EventType()}
	}
	if err := x.ApplyRecords(context.Background(), dec, recs); err != nil {
		t.Fatal(err)
	}
}

func hashHex(token string) string { h := HashToken(token); return hex.EncodeToString(h[:]) }

func TestIndexLifecycle(t *testing.T) {
	x := New()
	feed(t, x,
		person.SignedUp{PersonID: "p1", Email: "a@x.io", Name: "A", At: t0},
		session.Created{SessionID: "S0000000000000000000000000000001", PersonID: "p1", TokenHash: hashHex("tok1"), ExpiresAt: t0.Add(time.Hour), UserAgent: "ua", At: t0},
		session.Created{SessionID: "S0000000000000000000000000000002", PersonID: "p1", TokenHash: hashHex("tok2"), ExpiresAt: t0.Add(time.Hour), UserAgent: "ua", At: t0},
	)
	s, u, ok := x.Lookup(HashToken("tok1"))
	if !ok || s.ID != "S0000000000000000000000000000001" || u.Email != "a@x.io" || x.Len() != 2 || len(x.Sessions("p1")) != 2 {
		t.Fatalf("lookup: %+v %+v %v", s, u, ok)
	}
	feed(t, x, session.Refreshed{SessionID: "S0000000000000000000000000000001", PersonID: "p1", ExpiresAt: t0.Add(2 * time.Hour), At: t0.Add(time.Minute)},
		person.ProfileUpdated{PersonID: "p1", SetName: true, Name: "B", At: t0.Add(time.Minute)})
	s, u, _ = x.Lookup(HashToken("tok1"))
	if !s.ExpiresAt.Equal(t0.Add(2*time.Hour)) || u.Name != "B" {
		t.Errorf("after refresh: %+v %+v", s, u)
	}
	feed(t, x, session.ActiveOrganizationSet{SessionID: "S0000000000000000000000000000001", PersonID: "p1",
		OrganizationID: "G1", At: t0.Add(2 * time.Minute)})
	s, _, _ = x.Lookup(HashToken("tok1"))
	other, _, _ := x.Lookup(HashToken("tok2"))
	if s.ActiveOrganizationID != "G1" || other.ActiveOrganizationID != "" || !s.UpdatedAt.Equal(t0.Add(time.Minute)) {
		t.Errorf("after set-active: %+v, other %+v", s, other)
	}
	feed(t, x, session.Revoked{SessionID: "S0000000000000000000000000000001", PersonID: "p1", At: t0})
	if _, _, ok := x.Lookup(HashToken("tok1")); ok || x.Len() != 1 {
		t.Error("revoked session still found")
	}
	feed(t, x, person.Banned{PersonID: "p1", At: t0})
	if _, _, ok := x.Lookup(HashToken("tok2")); ok || x.Len() != 0 {
		t.Error("banned person's session still found")
	}
	feed(t, x, person.Unbanned{PersonID: "p1", At: t0}, session.Expired{SessionID: "nope", PersonID: "p1", At: t0})
	if u, ok := x.User("p1"); !ok || u.Banned {
		t.Errorf("unban: %+v", u)
	}
}

func TestWaitFor(t *testing.T) {
	x := New()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := x.WaitFor(ctx, eventstore.Position{Lo: 1}); err == nil {
		t.Fatal("WaitFor returned before the position was applied")
	}
	done := make(chan error, 1)
	go func() { done <- x.WaitFor(context.Background(), eventstore.Position{Lo: 2}) }()
	feed(t, x, person.SignedUp{PersonID: "p", At: t0}, person.Unbanned{PersonID: "p", At: t0})
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// BenchmarkIndexMemory fills the index with one million sessions of
// 100,000 people and reports the live heap it holds (goal < 220 MB).
func BenchmarkIndexMemory(b *testing.B) {
	for range b.N {
		const people, sessions = 100_000, 1_000_000
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		x := New()
		batch := make([]domain.Event, 0, 10_000)
		uas := []string{"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
			"Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148", "curl/8.5.0"}
		flush := func() { feed(b, x, batch...); batch = batch[:0] }
		for p := range people {
			batch = append(batch, person.SignedUp{PersonID: fmt.Sprintf("P%031d", p), Email: fmt.Sprintf("user%d@example.com", p),
				Name: "User", At: t0})
			if len(batch) == cap(batch) {
				flush()
			}
		}
		for i := range sessions {
			batch = append(batch, session.Created{SessionID: fmt.Sprintf("S%031d", i), PersonID: fmt.Sprintf("P%031d", i%people),
				TokenHash: hashHex(fmt.Sprint("token", i)), ExpiresAt: t0.Add(time.Hour), IP: fmt.Sprintf("10.0.%d.%d", i%256/16, i%16),
				UserAgent: uas[i%len(uas)], At: t0})
			if len(batch) == cap(batch) {
				flush()
			}
		}
		flush()
		runtime.GC()
		runtime.ReadMemStats(&after)
		if x.Len() != sessions {
			b.Fatalf("%d sessions", x.Len())
		}
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/1e6, "heap-MB")
		runtime.KeepAlive(x)
	}
}

// TestIndexErasure: an erased person's user row and sessions leave the
// index at once, whatever revocations come with the erasure.
func TestIndexErasure(t *testing.T) {
	x := New()
	feed(t, x,
		person.SignedUp{PersonID: "p1", Email: "a@x.io", Name: "A", At: t0},
		person.SignedUp{PersonID: "p2", Email: "b@x.io", Name: "B", At: t0},
		session.Created{SessionID: "S0000000000000000000000000000001", PersonID: "p1", TokenHash: hashHex("tok1"), ExpiresAt: t0.Add(time.Hour), At: t0},
		session.Created{SessionID: "S0000000000000000000000000000002", PersonID: "p2", TokenHash: hashHex("tok2"), ExpiresAt: t0.Add(time.Hour), At: t0},
		person.Erased{PersonID: "p1", At: t0},
	)
	if _, _, ok := x.Lookup(HashToken("tok1")); ok {
		t.Error("erased person's session still found")
	}
	if u, ok := x.User("p1"); ok {
		t.Errorf("erased user still in the index: %+v", u)
	}
	if _, u, ok := x.Lookup(HashToken("tok2")); !ok || u.Email != "b@x.io" {
		t.Errorf("other person's session: %+v %v", u, ok)
	}
}

// BenchmarkIndexLookup looks sessions up by token hash in an index of
// 100,000 sessions of 1,000 people (the get-session path's index work),
// with allocations.
func BenchmarkIndexLookup(b *testing.B) {
	x := New()
	const people, n = 1000, 100_000
	var evs []domain.Event
	for p := range people {
		evs = append(evs, person.SignedUp{PersonID: fmt.Sprintf("P%031d", p), Email: fmt.Sprintf("u%d@example.com", p), Name: "U", At: t0})
	}
	hashes := make([][32]byte, n)
	for i := range n {
		tok := fmt.Sprint("token", i)
		hashes[i] = HashToken(tok)
		evs = append(evs, session.Created{SessionID: fmt.Sprintf("S%031d", i), PersonID: fmt.Sprintf("P%031d", i%people),
			TokenHash: hashHex(tok), ExpiresAt: t0.Add(time.Hour), IP: "10.0.0.1", UserAgent: "curl/8.5.0", At: t0})
	}
	feed(b, x, evs...)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, _, ok := x.Lookup(hashes[i%n]); !ok {
			b.Fatalf("session %d not found", i%n)
		}
	}
}

// TestIndexOnErased: the erasure hook runs after a batch that erased
// someone (so the server can drop its caches of decrypted states), and
// not after one that did not.
func TestIndexOnErased(t *testing.T) {
	x := New()
	calls := 0
	x.OnErased(func() { calls++ })
	feed(t, x, person.SignedUp{PersonID: "p1", Email: "a@x.io", Name: "A", At: t0})
	if calls != 0 {
		t.Fatalf("hook ran %d times without an erasure", calls)
	}
	feed(t, x, person.Erased{PersonID: "p1", At: t0})
	if calls != 1 {
		t.Fatalf("hook ran %d times after one erasure, want 1", calls)
	}
}

// TestHashToken: the stack copy and the long-token fallback both give
// SHA-256 of the token, and hashing an issued token allocates nothing.
func TestHashToken(t *testing.T) {
	for _, n := range []int{0, 1, 32, 43, 64, 65, 200} {
		tok := strings.Repeat("k", n)
		if got, want := HashToken(tok), sha256.Sum256([]byte(tok)); got != want {
			t.Errorf("HashToken(%d bytes) = %x, want %x", n, got, want)
		}
	}
	tok := "RtB3eX8BcTejK863cDYOe7bhchWhIaS5dX9iI48jmz3" // an issued token's length
	if a := testing.AllocsPerRun(100, func() { _ = HashToken(tok) }); a != 0 {
		t.Errorf("HashToken allocated %.0f times", a)
	}
}
