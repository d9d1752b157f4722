package eventstore

import (
	"context"
	"fmt"
	"sync"

	"github.com/authledger/authledger/domain"
)

// FoldCache keeps folded states of hot streams (an organization with
// thousands of members) so a load reads only the records after the cached
// version. States must be values that are safe to share (persistent
// structures, or never modified after Evolve). When full, an arbitrary
// entry is dropped: it is only a cache, the stream is the truth.
type FoldCache[S any] struct {
	mu    sync.Mutex
	m     map[string]folded[S]
	max   int
	gen   uint64        // bumped by Clear: a fold begun before it is not cached
	snaps *Snapshots[S] // nil: nothing persisted (see Persist)
}

type folded[S any] struct {
	state     S
	version   uint64
	persisted uint64 // version of the last snapshot loaded or written (0: none)
}

// Persist makes the cache load a stream it misses from its snapshot and
// write snapshots of long folds (see Snapshots); call it before first use.
// It returns c.
func (c *FoldCache[S]) Persist(sn *Snapshots[S]) *FoldCache[S] {
	c.snaps = sn
	return c
}

// NewFoldCache returns a cache of at most size streams (at least 1).
func NewFoldCache[S any](size int) *FoldCache[S] {
	return &FoldCache[S]{m: make(map[string]folded[S]), max: max(size, 1)}
}

// Get returns the cached state of stream and its version (0 when absent).
func (c *FoldCache[S]) Get(stream string) (S, uint64, bool) {
	f, ok, _ := c.get(stream)
	return f.state, f.version, ok
}

func (c *FoldCache[S]) get(stream string) (folded[S], bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[stream]
	return f, ok, c.gen
}

// current reports whether Clear has not run since gen was read.
func (c *FoldCache[S]) current(gen uint64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen == gen
}

// Clear drops every cached state, and keeps folds that began before it
// from caching their result: after a data key is destroyed (an erasure),
// states decoded with it must not outlive it in memory.
func (c *FoldCache[S]) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.m)
}

// Put keeps state at version unless a newer version is cached already.
func (c *FoldCache[S]) Put(stream string, state S, version uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.put(stream, folded[S]{state: state, version: version})
}

func (c *FoldCache[S]) put(stream string, f folded[S]) {
	old, ok := c.m[stream]
	if ok && old.version >= f.version {
		return
	}
	if !ok && len(c.m) >= c.max {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[stream] = f
}

// LoadCached is Load through cache: it folds the records after the cached
// version onto the cached state (d.FoldOnto, which leaves the cached state
// unchanged) and caches the result. A stream the cache misses starts from
// its snapshot when the cache persists (Persist), and a fold that went far
// enough past the last snapshot writes a new one in the background. A nil
// cache is Load.
func LoadCached[S, C any](ctx context.Context, s Store, c *Codec, d domain.Decider[S, C], stream string, cache *FoldCache[S]) (S, uint64, error) {
	if cache == nil {
		return Load(ctx, s, c, d, stream)
	}
	f, recs, gen, hit, err := cache.start(ctx, s, d.Initial, stream)
	if err != nil {
		return f.state, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
	}
	if len(recs) == 0 {
		if !hit && f.version > 0 {
			cache.putIfGen(stream, f, gen) // a snapshot with nothing after it
		}
		return f.state, f.version, nil
	}
	f.state, f.version, err = foldRecords(ctx, c, d, f.state, f.version, recs)
	if err != nil {
		return f.state, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
	}
	if sn := cache.snaps; sn != nil && sn.due(f.version, f.persisted) &&
		sn.save(stream, f.state, f.version, recs[len(recs)-1].ID, func() bool { return cache.current(gen) }) {
		f.persisted = f.version
	}
	cache.putIfGen(stream, f, gen)
	return f.state, f.version, nil
}

// start returns the state a load folds onto (cached, from a snapshot, or
// initial) and the records to fold, with the cache's generation; hit
// reports a cached state.
func (c *FoldCache[S]) start(ctx context.Context, s Store, initial S, stream string) (folded[S], []Record, uint64, bool, error) {
	f, hit, gen := c.get(stream)
	if !hit && c.snaps != nil {
		state, version, recs, err := c.snaps.load(ctx, s, stream, initial)
		return folded[S]{state: state, version: version, persisted: version}, recs, gen, false, err
	}
	if !hit {
		f.state = initial
	}
	recs, err := s.ReadStream(ctx, stream, f.version+1)
	return f, recs, gen, hit, err
}

// putIfGen is put unless Clear ran since gen was read.
func (c *FoldCache[S]) putIfGen(stream string, f folded[S], gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.put(stream, f)
	}
}
