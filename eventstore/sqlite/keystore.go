package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/authledger/authledger/eventstore"
)

// Keys returns the keystore table: reads go through the read pool, writes
// through the writer (in the next group commit).
func (s *Store) Keys() eventstore.KeyStore { return keyStore{s} }

type keyStore struct{ s *Store }

// PutKey stores wrapped unless subject has a key and returns the stored key.
func (k keyStore) PutKey(ctx context.Context, subject string, wrapped []byte) ([]byte, error) {
	if subject == "" || len(wrapped) == 0 {
		return nil, errors.New("sqlite: put key: empty subject or key")
	}
	wrapped = slices.Clone(wrapped)
	var stored []byte
	_, err := k.s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		if _, err := tx.w.putKey.ExecContext(ctx, subject, wrapped, tx.now); err != nil {
			return eventstore.Position{}, err
		}
		return eventstore.Position{}, tx.w.getKey.QueryRowContext(ctx, subject).Scan(&stored)
	})
	if err != nil {
		return nil, err
	}
	return stored, nil
}

// GetKey returns subject's wrapped key or ErrKeyNotFound.
func (k keyStore) GetKey(ctx context.Context, subject string) ([]byte, error) {
	if err := k.s.check(ctx); err != nil {
		return nil, err
	}
	var wrapped []byte
	err := k.s.reads.key.QueryRowContext(ctx, subject).Scan(&wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, eventstore.ErrKeyNotFound
	}
	if err != nil {
		return nil, k.s.readErr(ctx, err)
	}
	return wrapped, nil
}

// DestroyKey deletes subject's key for good; a missing key is fine. The
// database runs with secure_delete, which overwrites the key's bytes in
// the database file, but the WAL keeps the page images written before: so
// after the commit the writer checkpoints the WAL and truncates it, and
// DestroyKey returns only once the key is gone from both files (an error
// when readers kept the WAL from emptying: the key is deleted, and calling
// again empties it).
func (k keyStore) DestroyKey(ctx context.Context, subject string) error {
	_, err := k.s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		_, err := tx.w.destroyKey.ExecContext(ctx, subject)
		tx.shred = true // secure_delete overwrites the page in the file, not its old images in the WAL
		return eventstore.Position{}, err
	})
	return err
}
