package postgres

import (
	"context"
	"fmt"
	"math"

	"github.com/authledger/authledger/eventstore/chain"
	"github.com/jackc/pgx/v5"
)

var _ chain.AnchorStore = chainStore{}

// PutAnchor stores a checkpoint's time-stamp token unless one is stored.
func (c chainStore) PutAnchor(ctx context.Context, count uint64, token []byte) error {
	if err := c.s.check(ctx); err != nil {
		return err
	}
	if count == 0 || count > math.MaxInt64 || len(token) == 0 {
		return fmt.Errorf("postgres: anchor of checkpoint %d: out of range or empty", count)
	}
	_, err := c.s.pool.Exec(ctx, "INSERT INTO "+c.s.opts.Schema+".chain_anchors (count, token) VALUES ($1, $2) ON CONFLICT (count) DO NOTHING",
		int64(count), token)
	if err != nil {
		return c.s.fail(ctx, "put anchor", err)
	}
	return nil
}

// Anchors returns every stored token by checkpoint count.
func (c chainStore) Anchors(ctx context.Context) (map[uint64][]byte, error) {
	if err := c.s.check(ctx); err != nil {
		return nil, err
	}
	rows, err := c.s.pool.Query(ctx, "SELECT count, token FROM "+c.s.opts.Schema+".chain_anchors")
	if err != nil {
		return nil, c.s.fail(ctx, "anchors", err)
	}
	out := map[uint64][]byte{}
	var n int64
	var tok []byte
	_, err = pgx.ForEachRow(rows, []any{&n, &tok}, func() error {
		out[uint64(n)] = append([]byte(nil), tok...)
		return nil
	})
	if err != nil {
		return nil, c.s.fail(ctx, "anchors", err)
	}
	return out, nil
}
