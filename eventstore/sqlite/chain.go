package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	sqlite3 "modernc.org/sqlite/lib"
)

// Chain returns the audit hash chain kept in the store's own file (tables
// chain_links and chain_checkpoints): reads use the read pool, writes go
// through the group-commit writer like appends, one job per AppendLinks.
func (s *Store) Chain() chain.Store { return chainStore{s} }

type chainStore struct{ s *Store }

var _ chain.Store = chainStore{}

const linkColumns = "seq, position, hash"

// ChainHead returns the last link or the zero Link.
func (c chainStore) ChainHead(ctx context.Context) (chain.Link, error) {
	if err := c.s.check(ctx); err != nil {
		return chain.Link{}, err
	}
	row := c.s.rdb.QueryRowContext(ctx, "SELECT "+linkColumns+" FROM chain_links ORDER BY seq DESC LIMIT 1")
	l, err := scanLink(row)
	if errors.Is(err, sql.ErrNoRows) {
		return chain.Link{}, nil
	}
	if err != nil {
		return chain.Link{}, c.s.readErr(ctx, err)
	}
	return l, nil
}

// LinkAt returns the link at pos or chain.ErrNoLink.
func (c chainStore) LinkAt(ctx context.Context, pos eventstore.Position) (chain.Link, error) {
	if err := c.s.check(ctx); err != nil {
		return chain.Link{}, err
	}
	if pos.Hi > 0 || pos.Lo > math.MaxInt64 {
		return chain.Link{}, chain.ErrNoLink
	}
	row := c.s.rdb.QueryRowContext(ctx, "SELECT "+linkColumns+" FROM chain_links WHERE position = ?", int64(pos.Lo))
	l, err := scanLink(row)
	if errors.Is(err, sql.ErrNoRows) {
		return chain.Link{}, chain.ErrNoLink
	}
	if err != nil {
		return chain.Link{}, c.s.readErr(ctx, err)
	}
	return l, nil
}

// ReadLinks returns up to limit links after the position, in chain order.
func (c chainStore) ReadLinks(ctx context.Context, after eventstore.Position, limit int) ([]chain.Link, error) {
	if err := c.s.check(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, errors.New("sqlite: read limit must be positive")
	}
	if after.Hi > 0 || after.Lo > math.MaxInt64 {
		return nil, nil
	}
	rows, err := c.s.rdb.QueryContext(ctx, "SELECT "+linkColumns+" FROM chain_links WHERE position > ? ORDER BY position LIMIT ?",
		int64(after.Lo), limit)
	if err != nil {
		return nil, c.s.readErr(ctx, err)
	}
	defer rows.Close()
	var out []chain.Link
	for rows.Next() {
		l, err := scanLink(rows)
		if err != nil {
			return nil, c.s.readErr(ctx, err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, c.s.readErr(ctx, err)
	}
	return out, nil
}

// scanner is *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanLink(sc scanner) (chain.Link, error) {
	var (
		l        chain.Link
		seq, pos int64
		hash     []byte
	)
	if err := sc.Scan(&seq, &pos, &hash); err != nil {
		return l, err
	}
	if len(hash) != len(l.Hash) {
		return l, fmt.Errorf("sqlite: chain link %d: hash has %d bytes", seq, len(hash))
	}
	l.Seq, l.Position = uint64(seq), eventstore.Position{Lo: uint64(pos)}
	copy(l.Hash[:], hash)
	return l, nil
}

// AppendLinks stores links in one writer job after checking that they
// extend the stored head; see chain.Store.
func (c chainStore) AppendLinks(ctx context.Context, links []chain.Link) error {
	if len(links) == 0 {
		return c.s.check(ctx)
	}
	if err := checkLinks(links); err != nil {
		return err
	}
	_, err := c.s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		var head int64
		if err := tx.w.conn.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) FROM chain_links").Scan(&head); err != nil {
			return eventstore.Position{}, err
		}
		if uint64(head)+1 != links[0].Seq {
			// ErrInvalidAppend makes the writer fail this job alone.
			return eventstore.Position{}, fmt.Errorf("%w: %w: head is link %d, got link %d",
				eventstore.ErrInvalidAppend, chain.ErrConflict, head, links[0].Seq)
		}
		return eventstore.Position{}, insertLinks(ctx, tx.w.conn, links)
	})
	return err
}

// checkLinks rejects links that are not consecutive or not storable.
func checkLinks(links []chain.Link) error {
	for i, l := range links {
		if l.Position.Hi > 0 || l.Position.Lo == 0 || l.Position.Lo > math.MaxInt64 || l.Seq == 0 || l.Seq > math.MaxInt64 {
			return fmt.Errorf("sqlite: chain link %d at %s is out of range", l.Seq, l.Position)
		}
		if i > 0 && (l.Seq != links[i-1].Seq+1 || !links[i-1].Position.Less(l.Position)) {
			return fmt.Errorf("sqlite: chain links %d and %d are not consecutive", links[i-1].Seq, l.Seq)
		}
	}
	return nil
}

func insertLinks(ctx context.Context, conn *sql.Conn, links []chain.Link) error {
	st, err := conn.PrepareContext(ctx, "INSERT INTO chain_links ("+linkColumns+") VALUES (?, ?, ?)")
	if err != nil {
		return err
	}
	defer st.Close()
	for _, l := range links {
		if _, err := st.ExecContext(ctx, int64(l.Seq), int64(l.Position.Lo), l.Hash[:]); err != nil {
			if sqliteCode(err) == sqlite3.SQLITE_CONSTRAINT {
				err = fmt.Errorf("%w: %w", chain.ErrConflict, err)
			}
			return err
		}
	}
	return nil
}

// PutCheckpoint stores cp unless one with its Count exists.
func (c chainStore) PutCheckpoint(ctx context.Context, cp chain.Checkpoint) error {
	if cp.Position.Hi > 0 || cp.Position.Lo > math.MaxInt64 || cp.Count > math.MaxInt64 {
		return fmt.Errorf("sqlite: checkpoint %d at %s is out of range", cp.Count, cp.Position)
	}
	_, err := c.s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		_, err := tx.w.conn.ExecContext(ctx, `INSERT INTO chain_checkpoints (count, position, hash, signed_at, signature)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (count) DO NOTHING`,
			int64(cp.Count), int64(cp.Position.Lo), cp.Hash[:], cp.Time.UnixNano(), cp.Signature)
		return eventstore.Position{}, err
	})
	return err
}

// Checkpoints returns every checkpoint in Count order.
func (c chainStore) Checkpoints(ctx context.Context) ([]chain.Checkpoint, error) {
	if err := c.s.check(ctx); err != nil {
		return nil, err
	}
	rows, err := c.s.rdb.QueryContext(ctx,
		"SELECT count, position, hash, signed_at, signature FROM chain_checkpoints ORDER BY count")
	if err != nil {
		return nil, c.s.readErr(ctx, err)
	}
	defer rows.Close()
	var out []chain.Checkpoint
	for rows.Next() {
		cp, err := scanCheckpoint(rows)
		if err != nil {
			return nil, c.s.readErr(ctx, err)
		}
		out = append(out, cp)
	}
	if err := rows.Err(); err != nil {
		return nil, c.s.readErr(ctx, err)
	}
	return out, nil
}

func scanCheckpoint(rows *sql.Rows) (chain.Checkpoint, error) {
	var (
		cp                   chain.Checkpoint
		count, pos, signedAt int64
		hash                 []byte
	)
	if err := rows.Scan(&count, &pos, &hash, &signedAt, &cp.Signature); err != nil {
		return cp, err
	}
	if len(hash) != len(cp.Hash) {
		return cp, fmt.Errorf("sqlite: checkpoint %d: hash has %d bytes", count, len(hash))
	}
	cp.Count, cp.Position, cp.Time = uint64(count), eventstore.Position{Lo: uint64(pos)}, time.Unix(0, signedAt).UTC()
	copy(cp.Hash[:], hash)
	return cp, nil
}
