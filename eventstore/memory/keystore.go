package memory

import (
	"context"
	"slices"

	"github.com/authledger/authledger/eventstore"
)

// Keys returns the in-memory keystore of wrapped data keys.
func (s *Store) Keys() eventstore.KeyStore { return keyStore{s} }

type keyStore struct{ s *Store }

// PutKey stores wrapped unless subject has a key; it returns the stored key.
func (k keyStore) PutKey(ctx context.Context, subject string, wrapped []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k.s.mu.Lock()
	defer k.s.mu.Unlock()
	if k.s.closed {
		return nil, eventstore.ErrClosed
	}
	if old, ok := k.s.keys[subject]; ok {
		return slices.Clone(old), nil
	}
	k.s.keys[subject] = slices.Clone(wrapped)
	return slices.Clone(wrapped), nil
}

// GetKey returns subject's wrapped key or ErrKeyNotFound.
func (k keyStore) GetKey(ctx context.Context, subject string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	k.s.mu.RLock()
	defer k.s.mu.RUnlock()
	if k.s.closed {
		return nil, eventstore.ErrClosed
	}
	w, ok := k.s.keys[subject]
	if !ok {
		return nil, eventstore.ErrKeyNotFound
	}
	return slices.Clone(w), nil
}

// DestroyKey deletes subject's key; deleting a missing key is fine.
func (k keyStore) DestroyKey(ctx context.Context, subject string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	k.s.mu.Lock()
	defer k.s.mu.Unlock()
	if k.s.closed {
		return eventstore.ErrClosed
	}
	delete(k.s.keys, subject)
	return nil
}
