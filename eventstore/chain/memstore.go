package chain

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sort"
	"sync"

	"github.com/authledger/authledger/eventstore"
)

// MemStore is an in-memory Store for tests and the memory event store.
type MemStore struct {
	mu      sync.RWMutex
	links   []Link
	cps     []Checkpoint
	anchors map[uint64][]byte // see anchors.go
}

var _ Store = (*MemStore)(nil)

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{} }

// ChainHead returns the last link or the zero Link.
func (m *MemStore) ChainHead(ctx context.Context) (Link, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	if len(m.links) == 0 {
		return Link{}, ctx.Err()
	}
	return m.links[len(m.links)-1], ctx.Err()
}

// LinkAt returns the link at pos or ErrNoLink.
func (m *MemStore) LinkAt(ctx context.Context, pos eventstore.Position) (Link, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	i := m.search(pos)
	if i == len(m.links) || m.links[i].Position != pos {
		return Link{}, ErrNoLink
	}
	return m.links[i], ctx.Err()
}

// search returns the index of the first link at or after pos.
func (m *MemStore) search(pos eventstore.Position) int {
	return sort.Search(len(m.links), func(i int) bool { return !m.links[i].Position.Less(pos) })
}

// AppendLinks appends consecutive links after the head, or ErrConflict.
func (m *MemStore) AppendLinks(ctx context.Context, links []Link) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	var head Link
	if len(m.links) > 0 {
		head = m.links[len(m.links)-1]
	}
	for _, l := range links {
		if l.Seq != head.Seq+1 || (head.Seq > 0 && !head.Position.Less(l.Position)) {
			return ErrConflict
		}
		head = l
	}
	m.links = append(m.links, links...)
	return nil
}

// ReadLinks returns up to limit links after the position.
func (m *MemStore) ReadLinks(ctx context.Context, after eventstore.Position, limit int) ([]Link, error) {
	if limit <= 0 {
		return nil, errors.New("chain: read limit must be positive")
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	i := m.search(after)
	if i < len(m.links) && m.links[i].Position == after {
		i++
	}
	return slices.Clone(m.links[i:min(i+limit, len(m.links))]), ctx.Err()
}

// PutCheckpoint stores cp unless one with its Count exists.
func (m *MemStore) PutCheckpoint(ctx context.Context, cp Checkpoint) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	i, found := slices.BinarySearchFunc(m.cps, cp.Count, func(c Checkpoint, n uint64) int {
		return cmp.Compare(c.Count, n)
	})
	if !found {
		cp.Signature = slices.Clone(cp.Signature)
		m.cps = slices.Insert(m.cps, i, cp)
	}
	return nil
}

// Checkpoints returns the checkpoints in Count order.
func (m *MemStore) Checkpoints(ctx context.Context) ([]Checkpoint, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return slices.Clone(m.cps), ctx.Err()
}
