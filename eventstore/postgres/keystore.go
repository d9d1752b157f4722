package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
)

// putKeyAttempts bounds PutKey's retries after losing an insert race to a
// key that its statement's snapshot cannot see yet.
const putKeyAttempts = 3

// Keys returns the keystore table.
//
// Destroying a key deletes its row; PostgreSQL keeps the dead tuple (and
// WAL, and backups keep copies) until vacuum and recycling overwrite them.
// The key stays wrapped by the KEK throughout, so shredding relies on the
// KEK for those copies, as on SQLite's freelist pages.
func (s *Store) Keys() eventstore.KeyStore { return keyStore{s} }

type keyStore struct{ s *Store }

// PutKey stores wrapped unless subject has a key and returns the stored key
// (the existing one wins a race).
func (k keyStore) PutKey(ctx context.Context, subject string, wrapped []byte) ([]byte, error) {
	if err := k.s.check(ctx); err != nil {
		return nil, err
	}
	if subject == "" || len(wrapped) == 0 {
		return nil, errors.New("postgres: put key: empty subject or key")
	}
	for range putKeyAttempts {
		var stored []byte
		err := k.s.pool.QueryRow(ctx, k.s.q.putKey, subject, wrapped).Scan(&stored)
		if err == nil {
			return stored, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return nil, k.s.fail(ctx, "put key", err)
		}
	}
	return nil, fmt.Errorf("postgres: put key: %w: key of %q keeps changing", eventstore.ErrUnavailable, subject)
}

// GetKey returns subject's wrapped key or ErrKeyNotFound.
func (k keyStore) GetKey(ctx context.Context, subject string) ([]byte, error) {
	if err := k.s.check(ctx); err != nil {
		return nil, err
	}
	var wrapped []byte
	err := k.s.pool.QueryRow(ctx, k.s.q.getKey, subject).Scan(&wrapped)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, eventstore.ErrKeyNotFound
	}
	if err != nil {
		return nil, k.s.fail(ctx, "get key", err)
	}
	return wrapped, nil
}

// DestroyKey deletes subject's key for good; a missing key is fine.
func (k keyStore) DestroyKey(ctx context.Context, subject string) error {
	if err := k.s.check(ctx); err != nil {
		return err
	}
	if _, err := k.s.pool.Exec(ctx, k.s.q.destroyKey, subject); err != nil {
		return k.s.fail(ctx, "destroy key", err)
	}
	return nil
}
