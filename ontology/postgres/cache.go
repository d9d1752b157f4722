package postgres

import (
	"context"
	"errors"
	"sync"

	"github.com/authledger/authledger/ontology"
)

// cacheGeneration bounds the stage cache: each table keeps at most two
// generations of this many rows (the newest writes), so a rebuild of any
// size holds a bounded working set in memory.
const cacheGeneration = 1 << 17

// stageCache remembers the rows and checkpoints a staging's committed
// transactions wrote, so that a rebuild's read-modify-write projectors (a
// person's last sign-in, a session refreshed in a later batch) and the
// runner's checkpoint reads (one per projector and batch) are answered
// from memory instead of in one round trip each. Only a staging has one: its
// transactions hold the staging lock and are the only writers of the
// shadow tables, so a committed write stays the row's state until the
// staging writes it again. A miss reads the database, so evicting rows is
// always correct. A commit that fails (it may have happened after all)
// empties the cache, and so does an erasure (DeleteSubject, which deletes
// by owner and endpoints), so no erased row outlives it; the cache dies
// with the staging. Rows are kept as the transaction received
// them, like the projections' own batch buffer: callers must not mutate a
// row's slices in place after putting it.
//
// Hand-written: the transactional overlay (a transaction's writes become
// visible to the cache at commit, never after a rollback) and erasure are
// not what a general-purpose cache library offers.
type stageCache struct {
	mu sync.Mutex
	rowSet
}

// rowSet holds rows (or deletions) of the tables projectors read back,
// and checkpoints (one per projector, read at every batch).
type rowSet struct {
	people      gens[string, ontology.Person]
	things      gens[string, ontology.Thing]
	conns       gens[string, ontology.Connection]
	facts       gens[factKey, ontology.Fact]
	checkpoints map[string]string
}

// factKey is a knowledge row's primary key.
type factKey struct{ subject, key string }

// cached is a row, or the knowledge that it was deleted.
type cached[V any] struct {
	row     V
	deleted bool
}

// gens is a map bounded to two generations of cacheGeneration entries: when
// the young one fills up it becomes the old one and the oldest is dropped.
type gens[K comparable, V any] struct {
	young, old map[K]cached[V]
}

// get returns the entry of k.
func (g *gens[K, V]) get(k K) (cached[V], bool) {
	if c, ok := g.young[k]; ok {
		return c, true
	}
	c, ok := g.old[k]
	return c, ok
}

// set records the entry of k.
func (g *gens[K, V]) set(k K, c cached[V]) {
	if g.young == nil {
		g.young = map[K]cached[V]{}
	}
	if _, ok := g.young[k]; !ok && len(g.young) >= cacheGeneration {
		g.old, g.young = g.young, map[K]cached[V]{}
	}
	g.young[k] = c
}

// mergeFrom sets every entry of src, oldest generation first.
func (g *gens[K, V]) mergeFrom(src *gens[K, V]) {
	for _, m := range []map[K]cached[V]{src.old, src.young} {
		for k, c := range m {
			g.set(k, c)
		}
	}
}

// merge sets every entry of src in s.
func (s *rowSet) merge(src *rowSet) {
	s.people.mergeFrom(&src.people)
	s.things.mergeFrom(&src.things)
	s.conns.mergeFrom(&src.conns)
	s.facts.mergeFrom(&src.facts)
	for k, v := range src.checkpoints {
		if s.checkpoints == nil {
			s.checkpoints = map[string]string{}
		}
		s.checkpoints[k] = v
	}
}

// commit makes a committed transaction's writes visible.
func (c *stageCache) commit(w *rowSet) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.merge(w)
}

// clear forgets every row.
func (c *stageCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rowSet = rowSet{}
}

// lookup returns the entry of k in the committed rows of one table.
func lookup[K comparable, V any](c *stageCache, table func(*rowSet) *gens[K, V], k K) (cached[V], bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return table(&c.rowSet).get(k)
}

// The cached tables of a rowSet.
func peopleOf(r *rowSet) *gens[string, ontology.Person]    { return &r.people }
func thingsOf(r *rowSet) *gens[string, ontology.Thing]     { return &r.things }
func connsOf(r *rowSet) *gens[string, ontology.Connection] { return &r.conns }
func factsOf(r *rowSet) *gens[factKey, ontology.Fact]      { return &r.facts }

// remember records a write of x to a cached table (on a staging only); the
// cache sees it when x commits.
func remember[K comparable, V any](x *tx, table func(*rowSet) *gens[K, V], k K, c cached[V]) {
	if x.cache != nil {
		table(&x.wrote).set(k, c)
	}
}

// recall answers a read of a cached table from x's own writes or the
// staging's committed ones; ok is false when the database must answer.
func recall[K comparable, V any](ctx context.Context, x *tx, table func(*rowSet) *gens[K, V], k K) (row V, ok bool, err error) {
	if x.cache == nil {
		return row, false, nil
	}
	c, ok := table(&x.wrote).get(k)
	if !ok {
		c, ok = lookup(x.cache, table, k)
	}
	switch {
	case !ok:
		return row, false, nil
	case c.deleted:
		return row, true, errors.Join(x.usable(ctx), ontology.ErrNotFound)
	}
	return c.row, true, x.usable(ctx)
}

// forget empties x's writes and the staging's cache (before an erasure,
// which deletes rows by other columns than their keys).
func (x *tx) forget() {
	if x.cache != nil {
		x.wrote = rowSet{}
		x.cache.clear()
	}
}

// rememberCheckpoint records a checkpoint x set (on a staging only).
func (x *tx) rememberCheckpoint(projector, position string) {
	if x.cache == nil {
		return
	}
	if x.wrote.checkpoints == nil {
		x.wrote.checkpoints = map[string]string{}
	}
	x.wrote.checkpoints[projector] = position
}

// cachedCheckpoint answers a checkpoint read from x's own writes or the
// staging's committed ones.
func (x *tx) cachedCheckpoint(projector string) (string, bool) {
	if x.cache == nil {
		return "", false
	}
	if pos, ok := x.wrote.checkpoints[projector]; ok {
		return pos, true
	}
	x.cache.mu.Lock()
	defer x.cache.mu.Unlock()
	pos, ok := x.cache.checkpoints[projector]
	return pos, ok
}
