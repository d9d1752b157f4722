package chain

import (
	"context"
	"fmt"
	"maps"
	"slices"
)

// AnchorStore keeps the RFC 3161 time-stamp tokens that anchor
// checkpoints outside the operator's reach (package chain/anchor), beside
// the checkpoints, keyed by the checkpoint's Count. Durable chain stores
// implement it next to chain_checkpoints.
type AnchorStore interface {
	// PutAnchor stores the token of the checkpoint with count; a token
	// already stored for it is kept (the call is then a no-op).
	PutAnchor(ctx context.Context, count uint64, token []byte) error
	// Anchors returns every stored token by checkpoint count.
	Anchors(ctx context.Context) (map[uint64][]byte, error)
}

var _ AnchorStore = (*MemStore)(nil)

// PutAnchor stores token for count unless one is stored.
func (m *MemStore) PutAnchor(ctx context.Context, count uint64, token []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if count == 0 || len(token) == 0 {
		return fmt.Errorf("%w: anchor of checkpoint %d", ErrMalformed, count)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.anchors == nil {
		m.anchors = map[uint64][]byte{}
	}
	if _, ok := m.anchors[count]; !ok {
		m.anchors[count] = slices.Clone(token)
	}
	return nil
}

// Anchors returns a copy of the stored tokens.
func (m *MemStore) Anchors(ctx context.Context) (map[uint64][]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return maps.Clone(m.anchors), ctx.Err()
}
