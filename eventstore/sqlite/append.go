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
	if r.Expected == eventstore.NoStream && len(r.Events) > 0 {
		return tx.newStream(ctx, r)
	}
	var v uint64
	err := tx.w.version.QueryRowContext(ctx, r.Stream).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if !r.Expected.Check(v) {
		return 0, wrongVersion(r, v)
	}
	if err := tx.claims(ctx, r); err != nil {
		return 0, err
	}
	last, err := tx.insertEvents(ctx, r, v)
	if err != nil || len(r.Events) == 0 {
		return last, err
	}
	if _, err := tx.w.upsertStream.ExecContext(ctx, r.Stream, int64(v)+int64(len(r.Events))); err != nil {
		return 0, err
	}
	return last, nil
}

// newStream is request for events under NoStream (every sign-up's
// streams): inserting the stream's row is the version check, so a new
// stream costs one statement where reading its version and then upserting
// it cost two. A job that fails later is rolled back with the row.
func (tx *writeTx) newStream(ctx context.Context, r eventstore.AppendRequest) (int64, error) {
	res, err := tx.w.insertStream.ExecContext(ctx, r.Stream, int64(len(r.Events)))
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 0 {
		var v uint64
		if err := tx.w.version.QueryRowContext(ctx, r.Stream).Scan(&v); err != nil {
			return 0, err
		}
		return 0, wrongVersion(r, v)
	}
	if err := tx.claims(ctx, r); err != nil {
		return 0, err
	}
	return tx.insertEvents(ctx, r, 0)
}

// insertEvents inserts r's events after version v and returns the last
// position (0 if none).
func (tx *writeTx) insertEvents(ctx context.Context, r eventstore.AppendRequest, v uint64) (int64, error) {
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
		tx.wrote = true
	}
	return last, nil
}

func wrongVersion(r eventstore.AppendRequest, v uint64) error {
	return fmt.Errorf("%w: stream %q is at version %d, expected %d",
		eventstore.ErrWrongExpectedVersion, r.Stream, v, r.Expected)
}

// claims releases (when owned by the releaser) and then takes claims: a
// free claim is taken by its INSERT alone; only a held one is read, to
// tell its owner's own claim (kept) from another's (ErrClaimTaken).
func (tx *writeTx) claims(ctx context.Context, r eventstore.AppendRequest) error {
	for _, c := range r.Releases {
		if _, err := tx.w.releaseClaim.ExecContext(ctx, c.Kind, c.Key, c.Owner); err != nil {
			return err
		}
	}
	for _, c := range r.Claims {
		res, err := tx.w.insertClaim.ExecContext(ctx, c.Kind, c.Key, c.Owner)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			if err != nil {
				return err
			}
			continue
		}
		var owner string
		if err := tx.w.claimOwner.QueryRowContext(ctx, c.Kind, c.Key).Scan(&owner); err != nil {
			return err
		}
		if owner != c.Owner {
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
