package recovery_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
)

// hookedStore is a memory event store that runs hook, once armed, before
// every claim lookup, stream read and append (the calls a reset request's
// background work makes; ReadAll, which the session index follows, is
// left alone).
type hookedStore struct {
	*memory.Store
	hook atomic.Pointer[func()]
}

func (s *hookedStore) before() {
	if h := s.hook.Load(); h != nil {
		(*h)()
	}
}

func (s *hookedStore) LookupClaim(ctx context.Context, kind, key string) (string, error) {
	s.before()
	return s.Store.LookupClaim(ctx, kind, key)
}

func (s *hookedStore) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	s.before()
	return s.Store.ReadStream(ctx, stream, from)
}

func (s *hookedStore) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	s.before()
	return s.Store.Append(ctx, reqs...)
}

// arm sets the hook (nil disarms it).
func (s *hookedStore) arm(h func()) {
	if h == nil {
		s.hook.Store(nil)
		return
	}
	s.hook.Store(&h)
}

// TestRequestResetDropsBeyond64Pending: with 64 requests held in the
// background (their store calls blocked), the 65th is answered like the
// others but dropped: logged by request id, never the address, and never
// worked on (no token for its known address once the store is released).
// A request after the backlog clears is worked on again.
func TestRequestResetDropsBeyond64Pending(t *testing.T) {
	if recovery.MaxPending != 64 {
		t.Fatalf("MaxPending = %d, the documented bound is 64", recovery.MaxPending)
	}
	store := &hookedStore{Store: memory.New()}
	rec := &mailertest.Recorder{}
	f := newFixture(recovery.Config{Mailer: rec}, apptest.WithStore(store))
	defer f.Close()
	f.signUp("alice@example.com", "correct horse 1")
	before := f.Head(t)

	release := make(chan struct{})
	var blocked atomic.Int32
	store.arm(func() { blocked.Add(1); <-release })
	ctx := context.Background()
	for i := range recovery.MaxPending {
		in := recovery.RequestInput{Caller: caller, Email: fmt.Sprintf("ghost%d@example.com", i)}
		if err := f.svc.RequestReset(ctx, in); err != nil {
			t.Fatalf("request %d: %v", i+1, err)
		}
	}
	deadline := time.Now().Add(30 * time.Second) // a liveness bound, not a speed check
	for blocked.Load() < recovery.MaxPending && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := blocked.Load(); n != recovery.MaxPending {
		t.Fatalf("%d requests reached the store, want %d held", n, recovery.MaxPending)
	}
	dropped := caller
	dropped.RequestID = "req-dropped"
	if err := f.svc.RequestReset(ctx, recovery.RequestInput{Caller: dropped, Email: "alice@example.com"}); err != nil {
		t.Fatalf("the 65th request: %v, want the same answer as the others", err)
	}
	store.arm(nil)
	close(release)
	f.svc.Wait()
	if n := f.CountsSince(t, before)[account.TypePasswordResetRequested]; n != 0 {
		t.Errorf("the 65th request recorded %d reset tokens, want it dropped", n)
	}
	logs := f.logs.String()
	if !strings.Contains(logs, "dropped") || !strings.Contains(logs, "req-dropped") || strings.Contains(logs, "alice@") {
		t.Errorf("logs %q: want the drop logged by request id, without the address", logs)
	}
	if err := f.svc.RequestReset(ctx, recovery.RequestInput{Caller: caller, Email: "alice@example.com"}); err != nil {
		t.Fatal(err)
	}
	f.svc.Wait()
	if n := f.CountsSince(t, before)[account.TypePasswordResetRequested]; n != 1 {
		t.Errorf("after the backlog cleared: %d reset tokens, want 1", n)
	}
}

// TestRequestResetLatencyKnownVsUnknown: a request's answer does not wait
// for the account lookup, so known and unknown addresses take the same
// time. Every store call is slowed by storeDelay (a loaded database); a
// request that looked the address up before answering would take at least
// storeDelay for both, and the known one (reading the person, appending
// the token) at least twice that more. Over 30 interleaved samples each,
// in random order per pair, the medians must differ by less than
// storeDelay (a generous bound for scheduling noise; no speed is
// asserted).
func TestRequestResetLatencyKnownVsUnknown(t *testing.T) {
	const storeDelay, samples = 25 * time.Millisecond, 30
	store := &hookedStore{Store: memory.New()}
	f := newFixture(recovery.Config{Mailer: &mailertest.Recorder{}}, apptest.WithStore(store))
	defer f.Close()
	f.signUp("alice@example.com", "correct horse 1")
	store.arm(func() { time.Sleep(storeDelay) })
	defer store.arm(nil)

	var mu sync.Mutex
	var known, unknown []time.Duration
	measure := func(addr string, into *[]time.Duration) {
		start := time.Now()
		err := f.svc.RequestReset(context.Background(), recovery.RequestInput{Caller: caller, Email: addr})
		took := time.Since(start)
		if err != nil {
			t.Fatalf("%s: %v", addr, err)
		}
		mu.Lock()
		*into = append(*into, took)
		mu.Unlock()
	}
	for i := range samples {
		pair := []func(){
			func() { measure("alice@example.com", &known) },
			func() { measure(fmt.Sprintf("ghost%d@example.com", i), &unknown) },
		}
		rand.Shuffle(len(pair), func(a, b int) { pair[a], pair[b] = pair[b], pair[a] })
		for _, m := range pair {
			m()
		}
		f.svc.Wait() // the background work must not crowd out the next pair
	}
	medKnown, medUnknown := median(known), median(unknown)
	if d := (medKnown - medUnknown).Abs(); d >= storeDelay {
		t.Errorf("median latency known %v, unknown %v: differ by %v, want < %v", medKnown, medUnknown, d, storeDelay)
	}
	t.Logf("median latency known %v, unknown %v (%d samples each)", medKnown, medUnknown, samples)
}

// median is the middle of ds (the upper middle for an even count).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
