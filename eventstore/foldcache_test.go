package eventstore_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/authledger/authledger/eventstore"
)

// countingStore counts the records ReadStream hands out.
type countingStore struct {
	eventstore.Store
	read int
}

func (c *countingStore) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	recs, err := c.Store.ReadStream(ctx, stream, from)
	c.read += len(recs)
	return recs, err
}

func TestLoadCachedReadsOnlyTheTail(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	for i := range 5 {
		if _, err := eventstore.Handle(ctx, f.p, f.add(fmt.Sprintf("e%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	cs := &countingStore{Store: f.store}
	cache := eventstore.NewFoldCache[[]string](8)
	st, v, err := eventstore.LoadCached(ctx, cs, f.codec, listDecider(), "list-1", cache)
	if err != nil || len(st) != 5 || v != 5 || cs.read != 5 {
		t.Fatalf("first load = %v at v%d (%v), read %d records", st, v, err, cs.read)
	}
	if _, err := eventstore.Handle(ctx, f.p, f.add("e5")); err != nil {
		t.Fatal(err)
	}
	st, v, err = eventstore.LoadCached(ctx, cs, f.codec, listDecider(), "list-1", cache)
	if err != nil || len(st) != 6 || v != 6 || cs.read != 6 {
		t.Fatalf("second load = %v at v%d (%v), read %d records in all; want only the new one read", st, v, err, cs.read)
	}
	want, wv, _ := eventstore.Load(ctx, f.store, f.codec, listDecider(), "list-1")
	if fmt.Sprint(want) != fmt.Sprint(st) || wv != v {
		t.Fatalf("cached fold %v@%d differs from Load %v@%d", st, v, want, wv)
	}
}

func TestFoldCacheKeepsTheNewestAndStaysBounded(t *testing.T) {
	c := eventstore.NewFoldCache[int](2)
	c.Put("a", 10, 2)
	c.Put("a", 5, 1) // older: ignored
	if st, v, ok := c.Get("a"); !ok || st != 10 || v != 2 {
		t.Fatalf("Get(a) = %d@%d %v, want 10@2", st, v, ok)
	}
	c.Put("b", 1, 1)
	c.Put("c", 1, 1)
	n := 0
	for _, k := range []string{"a", "b", "c"} {
		if _, _, ok := c.Get(k); ok {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("cache holds %d streams, want at most 2", n)
	}
}

// clearingStore clears the cache while a fold reads the stream, as an
// erasure running beside a load would.
type clearingStore struct {
	eventstore.Store
	cache *eventstore.FoldCache[[]string]
}

func (c clearingStore) ReadStream(ctx context.Context, stream string, from uint64) ([]eventstore.Record, error) {
	c.cache.Clear()
	return c.Store.ReadStream(ctx, stream, from)
}

// TestFoldCacheClear: Clear drops the cached states, and a fold that
// began before Clear does not cache its (possibly stale) result.
func TestFoldCacheClear(t *testing.T) {
	f := newPipeline(t)
	ctx := context.Background()
	if _, err := eventstore.Handle(ctx, f.p, f.add("e0")); err != nil {
		t.Fatal(err)
	}
	cache := eventstore.NewFoldCache[[]string](8)
	if _, _, err := eventstore.LoadCached(ctx, f.store, f.codec, listDecider(), "list-1", cache); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := cache.Get("list-1"); !ok {
		t.Fatal("a load cached nothing")
	}
	cache.Clear()
	if _, _, ok := cache.Get("list-1"); ok {
		t.Fatal("Clear kept a state")
	}
	st, _, err := eventstore.LoadCached(ctx, clearingStore{f.store, cache}, f.codec, listDecider(), "list-1", cache)
	if err != nil || len(st) != 1 {
		t.Fatalf("load during Clear = %v, %v", st, err)
	}
	if _, _, ok := cache.Get("list-1"); ok {
		t.Error("a fold that began before Clear cached its result")
	}
}
