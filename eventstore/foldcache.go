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
	mu  sync.Mutex
	m   map[string]folded[S]
	max int
	gen uint64 // bumped by Clear: a fold begun before it is not cached
}

type folded[S any] struct {
	state   S
	version uint64
}

// NewFoldCache returns a cache of at most size streams (at least 1).
func NewFoldCache[S any](size int) *FoldCache[S] {
	return &FoldCache[S]{m: make(map[string]folded[S]), max: max(size, 1)}
}

// Get returns the cached state of stream and its version (0 when absent).
func (c *FoldCache[S]) Get(stream string) (S, uint64, bool) {
	s, v, ok, _ := c.get(stream)
	return s, v, ok
}

func (c *FoldCache[S]) get(stream string) (S, uint64, bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, ok := c.m[stream]
	return f.state, f.version, ok, c.gen
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
	c.put(stream, state, version)
}

func (c *FoldCache[S]) put(stream string, state S, version uint64) {
	old, ok := c.m[stream]
	if ok && old.version >= version {
		return
	}
	if !ok && len(c.m) >= c.max {
		for k := range c.m {
			delete(c.m, k)
			break
		}
	}
	c.m[stream] = folded[S]{state, version}
}

// LoadCached is Load through cache: it folds the records after the cached
// version onto the cached state (d.FoldOnto, which leaves the cached state
// unchanged) and caches the result. A nil cache is Load.
func LoadCached[S, C any](ctx context.Context, s Store, c *Codec, d domain.Decider[S, C], stream string, cache *FoldCache[S]) (S, uint64, error) {
	if cache == nil {
		return Load(ctx, s, c, d, stream)
	}
	state, version, ok, gen := cache.get(stream)
	if !ok {
		state = d.Initial
	}
	recs, err := s.ReadStream(ctx, stream, version+1)
	if err != nil {
		return state, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
	}
	if len(recs) == 0 {
		return state, version, nil
	}
	state, version, err = foldRecords(ctx, c, d, state, version, recs)
	if err != nil {
		return state, 0, fmt.Errorf("eventstore: load %s: %w", stream, err)
	}
	cache.putIfGen(stream, state, version, gen)
	return state, version, nil
}

// putIfGen is Put unless Clear ran since gen was read.
func (c *FoldCache[S]) putIfGen(stream string, state S, version, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen == gen {
		c.put(stream, state, version)
	}
}
