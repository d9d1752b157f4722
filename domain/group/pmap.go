package group

import "iter"

// fanout is the width of each of pmap's two levels: 32×32 leaves.
const fanout = 32

// entry is one key and value in a pmap leaf.
type entry[V any] struct {
	key string
	val V
}

// pmap is a persistent map with string keys. An update copies the root
// (32 pointers), one branch (32 leaves) and one leaf of about n/1024
// entries, never the whole map, so Evolve returns a new State in small
// work per event while every earlier State stays unchanged: states remain
// values, and folding a stream stays linear in its length (a plain map
// copied on write made it quadratic). The zero value is an empty map.
//
// A pmap with own set is transient (see transient.go): it edits in place
// the nodes it copied itself during one fold.
type pmap[V any] struct {
	root *[fanout]*[fanout][]entry[V]
	n    int
	own  *owned
}

// slot returns the branch and leaf indexes of key (FNV-1a, deterministic).
func slot(key string) (int, int) {
	h := uint32(2166136261)
	for i := 0; i < len(key); i++ {
		h ^= uint32(key[i])
		h *= 16777619
	}
	return int(h>>27) % fanout, int(h>>22) % fanout
}

// leaf returns key's leaf and the key's index in it (-1 when absent).
func (m pmap[V]) leaf(key string) ([]entry[V], int) {
	if m.root == nil {
		return nil, -1
	}
	b, l := slot(key)
	branch := m.root[b]
	if branch == nil {
		return nil, -1
	}
	for i, e := range branch[l] {
		if e.key == key {
			return branch[l], i
		}
	}
	return branch[l], -1
}

// Get returns the value of key.
func (m pmap[V]) Get(key string) (V, bool) {
	leaf, i := m.leaf(key)
	if i < 0 {
		var zero V
		return zero, false
	}
	return leaf[i].val, true
}

// Len returns the number of keys.
func (m pmap[V]) Len() int { return m.n }

// Set returns a map with key set to v; m is unchanged.
func (m pmap[V]) Set(key string, v V) pmap[V] {
	if m.own != nil {
		return m.setOwned(key, v)
	}
	leaf, i := m.leaf(key)
	next := make([]entry[V], len(leaf), len(leaf)+1)
	copy(next, leaf)
	n := m.n
	if i < 0 {
		next, n = append(next, entry[V]{key, v}), n+1
	} else {
		next[i].val = v
	}
	return m.with(key, next, n)
}

// Delete returns a map without key; m is unchanged (and returned as is
// when key is absent).
func (m pmap[V]) Delete(key string) pmap[V] {
	leaf, i := m.leaf(key)
	if i < 0 {
		return m
	}
	if m.own != nil {
		return m.deleteOwned(key, i)
	}
	next := make([]entry[V], 0, len(leaf)-1)
	next = append(append(next, leaf[:i]...), leaf[i+1:]...)
	return m.with(key, next, m.n-1)
}

// with returns a map whose path to key's leaf is copied and ends in leaf.
func (m pmap[V]) with(key string, leaf []entry[V], n int) pmap[V] {
	b, l := slot(key)
	root := new([fanout]*[fanout][]entry[V])
	if m.root != nil {
		*root = *m.root
	}
	branch := new([fanout][]entry[V])
	if root[b] != nil {
		*branch = *root[b]
	}
	branch[l], root[b] = leaf, branch
	return pmap[V]{root: root, n: n}
}

// All yields every key and value, in no particular order.
func (m pmap[V]) All() iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		if m.root == nil {
			return
		}
		for _, branch := range m.root {
			if branch == nil {
				continue
			}
			for _, leaf := range branch {
				for _, e := range leaf {
					if !yield(e.key, e.val) {
						return
					}
				}
			}
		}
	}
}
