package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

// RewrapKeys implements eventstore.KeyRewrapper: one job of the writer
// reads every wrapped key and replaces it with fn's, all in the batch's
// transaction; a failing fn rolls the job back and writes nothing. After
// the commit the WAL is emptied (see DestroyKey), so the keys wrapped under
// the old KEK do not stay in it.
func (k keyStore) RewrapKeys(ctx context.Context, fn func(subject string, wrapped []byte) ([]byte, error)) (int, error) {
	var n int
	var fnErr error
	_, err := k.s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		n = 0
		rows, err := tx.w.conn.QueryContext(ctx, "SELECT subject, wrapped FROM keystore ORDER BY subject")
		if err != nil {
			return eventstore.Position{}, err
		}
		type row struct {
			subject string
			wrapped []byte
		}
		var all []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.subject, &r.wrapped); err != nil {
				rows.Close()
				return eventstore.Position{}, err
			}
			all = append(all, r)
		}
		if err := rows.Close(); err != nil {
			return eventstore.Position{}, err
		}
		for i, r := range all {
			if all[i].wrapped, fnErr = fn(r.subject, r.wrapped); fnErr != nil {
				// a check failure: the savepoint is rolled back, the batch goes on
				return eventstore.Position{}, fmt.Errorf("%w: rewrap", eventstore.ErrInvalidAppend)
			}
		}
		for _, r := range all {
			if _, err := tx.w.conn.ExecContext(ctx, "UPDATE keystore SET wrapped = ? WHERE subject = ?", r.wrapped, r.subject); err != nil {
				return eventstore.Position{}, err
			}
			n++
		}
		tx.shred = true // the keys wrapped under the old KEK leave the WAL too
		return eventstore.Position{}, nil
	})
	if fnErr != nil {
		return 0, fnErr
	}
	if err != nil {
		return 0, err
	}
	return n, nil
}

// SampleKey implements eventstore.KeySampler.
func (k keyStore) SampleKey(ctx context.Context) (string, []byte, error) {
	if err := k.s.check(ctx); err != nil {
		return "", nil, err
	}
	var subject string
	var wrapped []byte
	err := k.s.rdb.QueryRowContext(ctx, "SELECT subject, wrapped FROM keystore LIMIT 1").Scan(&subject, &wrapped)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, eventstore.ErrKeyNotFound
	}
	if err != nil {
		return "", nil, k.s.readErr(ctx, err)
	}
	return subject, wrapped, nil
}
