package sqlite

import (
	"context"
	"fmt"
	"math"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
)

var _ chain.AnchorStore = chainStore{}

// PutAnchor stores a checkpoint's time-stamp token unless one is stored.
func (c chainStore) PutAnchor(ctx context.Context, count uint64, token []byte) error {
	if count == 0 || count > math.MaxInt64 || len(token) == 0 {
		return fmt.Errorf("sqlite: anchor of checkpoint %d: out of range or empty", count)
	}
	_, err := c.s.submit(ctx, func(ctx context.Context, tx *writeTx) (eventstore.Position, error) {
		_, err := tx.w.conn.ExecContext(ctx, `INSERT INTO chain_anchors (count, token) VALUES (?, ?) ON CONFLICT (count) DO NOTHING`,
			int64(count), token)
		return eventstore.Position{}, err
	})
	return err
}

// Anchors returns every stored token by checkpoint count.
func (c chainStore) Anchors(ctx context.Context) (map[uint64][]byte, error) {
	if err := c.s.check(ctx); err != nil {
		return nil, err
	}
	rows, err := c.s.rdb.QueryContext(ctx, "SELECT count, token FROM chain_anchors")
	if err != nil {
		return nil, c.s.readErr(ctx, err)
	}
	defer rows.Close()
	out := map[uint64][]byte{}
	for rows.Next() {
		var n int64
		var tok []byte
		if err := rows.Scan(&n, &tok); err != nil {
			return nil, c.s.readErr(ctx, err)
		}
		out[uint64(n)] = tok
	}
	if err := rows.Err(); err != nil {
		return nil, c.s.readErr(ctx, err)
	}
	return out, nil
}
