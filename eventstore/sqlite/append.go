package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/authledger/authledger/eventstore"
)

// Append commits all requests atomically through the group-commit writer;
// see eventstore.Store.
func (s *Store) Append(ctx context.Context, reqs ...eventstore.AppendRequest) (eventstore.Position, error) {
	if err := s.check(ctx); err != nil {
		return eventstore.Position{}, err
	}
	if err := eventstore.ValidateAppend(reqs); err != nil {
		return eventstore.Position{}, err
	}
	return s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		return tx.append(ctx, reqs)
	})
}

// append runs the requests of one Append call in order; later requests see
// earlier ones (and earlier jobs of the batch) because they share the
// transaction.
func (tx *writeTx) append(ctx context.Context, reqs []eventstore.AppendRequest) (eventstore.Position, error) {
	var last int64
	for _, r := range reqs {
		pos, err := tx.request(ctx, r)
		if err != nil {
			return eventstore.Position{}, err
		}
		if pos > 0 {
			last = pos
		}
	}
	if last == 0 {
		if err := tx.w.head.QueryRowContext(ctx).Scan(&last); err != nil {
			return eventstore.Position{}, err
		}
	}
	return eventstore.Position{Lo: uint64(last)}, nil
}

// request checks the version, releases and takes claims, and inserts the
// events of one request; it returns the last inserted position (0 if none).
func (tx *writeTx) request(ctx context.Context, r eventstore.AppendRequest) (int64, error) {
	var v uint64
	err := tx.w.version.QueryRowContext(ctx, r.Stream).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if !r.Expected.Check(v) {
		return 0, fmt.Errorf("%w: stream %q is at version %d, expected %d",
			eventstore.ErrWrongExpectedVersion, r.Stream, v, r.Expected)
	}
	if err := tx.claims(ctx, r); err != nil {
		return 0, err
	}
	var last int64
	for _, e := range r.Events {
		v++
		res, err := tx.w.insertEvent.ExecContext(ctx, e.ID, r.Stream, int64(v), e.Type, e.Schema,
			string(e.Data), nullText(e.Meta), e.KeyRef, nullTime(e), tx.now)
		if err != nil {
			return 0, err
		}
		if last, err = res.LastInsertId(); err != nil {
			return 0, err
		}
	}
	if len(r.Events) > 0 {
		if _, err := tx.w.upsertStream.ExecContext(ctx, r.Stream, int64(v)); err != nil {
			return 0, err
		}
		tx.wrote = true
	}
	return last, nil
}

// claims releases (when owned by the releaser) and then takes claims.
func (tx *writeTx) claims(ctx context.Context, r eventstore.AppendRequest) error {
	for _, c := range r.Releases {
		if _, err := tx.w.releaseClaim.ExecContext(ctx, c.Kind, c.Key, c.Owner); err != nil {
			return err
		}
	}
	for _, c := range r.Claims {
		var owner string
		err := tx.w.claimOwner.QueryRowContext(ctx, c.Kind, c.Key).Scan(&owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.w.insertClaim.ExecContext(ctx, c.Kind, c.Key, c.Owner); err != nil {
				return err
			}
		case err != nil:
			return err
		case owner != c.Owner:
			return fmt.Errorf("%w: %s claim owned by another stream", eventstore.ErrClaimTaken, c.Kind)
		}
	}
	return nil
}

func nullText(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

func nullTime(e eventstore.EventData) any {
	if e.OccurredAt.IsZero() {
		return nil
	}
	return e.OccurredAt.UnixNano()
}
