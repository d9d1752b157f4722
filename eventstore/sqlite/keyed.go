package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	"github.com/authledger/authledger/eventstore"
)

var _ eventstore.KeyedAppender = (*Store)(nil)

// AppendKeyed stores the new data keys and appends reqs in one job of the
// group-commit writer (one savepoint, one commit); see
// eventstore.KeyedAppender.
func (s *Store) AppendKeyed(ctx context.Context, keys []eventstore.NewKey, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Position{}, err
	}
	if err := eventstore.ValidateKeyedAppend(keys, reqs); err != nil {
		return eventstore.Position{}, err
	}
	keys = slices.Clone(keys)
	return s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		for _, k := range keys {
			if err := tx.putNewKey(ctx, k); err != nil {
				return eventstore.Position{}, err
			}
		}
		return tx.append(ctx, reqs)
	})
}

// putNewKey stores k unless its subject holds it already; a subject
// holding another key is ErrKeyExists (a check failure: the job alone is
// rolled back).
func (tx *writeTx) putNewKey(ctx context.Context, k eventstore.NewKey) error {
	res, err := tx.w.putKey.ExecContext(ctx, k.Subject, k.Wrapped, tx.now)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 1 {
		return err // stored: the usual case, a fresh subject
	}
	var stored []byte
	if err := tx.w.getKey.QueryRowContext(ctx, k.Subject).Scan(&stored); err != nil {
		return err
	}
	if !bytes.Equal(stored, k.Wrapped) {
		return fmt.Errorf("%w: %s", eventstore.ErrKeyExists, k.Subject)
	}
	return nil
}
