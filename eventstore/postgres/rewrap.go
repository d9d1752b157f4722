package postgres

import (
	"context"
	"errors"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
)

// RewrapKeys implements eventstore.KeyRewrapper: one transaction locks
// the keystore (no key is added or destroyed meanwhile), reads every
// wrapped key and replaces it with fn's; a failing fn writes nothing.
// Rewrapping many keys may outlast --db-statement-timeout's
// idle-in-transaction bound on a slow link; it runs statement by statement.
func (k keyStore) RewrapKeys(ctx context.Context, fn func(subject string, wrapped []byte) ([]byte, error)) (int, error) {
	if err := k.s.check(ctx); err != nil {
		return 0, err
	}
	table := k.s.opts.Schema + ".keystore"
	n := 0
	err := pgx.BeginFunc(ctx, k.s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "LOCK TABLE "+table+" IN EXCLUSIVE MODE"); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, "SELECT subject, wrapped FROM "+table+" ORDER BY subject")
		if err != nil {
			return err
		}
		var subjects []string
		var wrapped [][]byte
		for rows.Next() {
			var s string
			var w []byte
			if err := rows.Scan(&s, &w); err != nil {
				rows.Close()
				return err
			}
			subjects, wrapped = append(subjects, s), append(wrapped, w)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range subjects {
			if wrapped[i], err = fn(subjects[i], wrapped[i]); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, "UPDATE "+table+" AS k SET wrapped = r.wrapped FROM unnest($1::text[], $2::bytea[]) AS r(subject, wrapped) WHERE k.subject = r.subject",
			subjects, wrapped)
		n = len(subjects)
		return err
	})
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
	err := k.s.pool.QueryRow(ctx, "SELECT subject, wrapped FROM "+k.s.opts.Schema+".keystore LIMIT 1").Scan(&subject, &wrapped)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil, eventstore.ErrKeyNotFound
	}
	if err != nil {
		return "", nil, k.s.fail(ctx, "sample key", err)
	}
	return subject, wrapped, nil
}
