package postgres

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/chain"
	"github.com/jackc/pgx/v5"
)

// Chain returns the audit hash chain kept in the store's schema (tables
// chain_links and chain_checkpoints). Each AppendLinks is one statement in
// its own transaction; two chainers racing for the same links conflict on
// the primary key and one gets chain.ErrConflict.
func (s *Store) Chain() chain.Store { return chainStore{s: s, q: newChainQueries(s.opts.Schema)} }

type chainStore struct {
	s *Store
	q chainQueries
}

var _ chain.Store = chainStore{}

// chainQueries are the chain's statements with the schema filled in.
type chainQueries struct {
	head, linkAt, readLinks, appendLinks, putCheckpoint, checkpoints string
}

const linkColumns = "seq, tx_id, pos_seq, hash"

func newChainQueries(schema string) chainQueries {
	r := strings.NewReplacer("§", schema+".")
	q := chainQueries{
		head:      `SELECT ` + linkColumns + ` FROM §chain_links ORDER BY seq DESC LIMIT 1`,
		linkAt:    `SELECT ` + linkColumns + ` FROM §chain_links WHERE tx_id = $1::xid8 AND pos_seq = $2`,
		readLinks: `SELECT ` + linkColumns + ` FROM §chain_links WHERE (tx_id, pos_seq) > ($1::xid8, $2::bigint) ORDER BY tx_id, pos_seq LIMIT $3`,
		// Inserts nothing unless the first link follows the stored head; a
		// concurrent insert of the same seq fails on the primary key.
		appendLinks: `INSERT INTO §chain_links (` + linkColumns + `)
			SELECT l.seq, l.tx::xid8, l.pos_seq, l.hash
			FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bytea[]) AS l(seq, tx, pos_seq, hash)
			WHERE ($1::bigint[])[1] = (SELECT coalesce(max(seq), 0) + 1 FROM §chain_links)`,
		putCheckpoint: `INSERT INTO §chain_checkpoints (count, tx_id, pos_seq, hash, signed_at, signature)
			VALUES ($1, $2::xid8, $3, $4, $5, $6) ON CONFLICT (count) DO NOTHING`,
		checkpoints: `SELECT count, tx_id, pos_seq, hash, signed_at, signature FROM §chain_checkpoints ORDER BY count`,
	}
	for _, p := range []*string{&q.head, &q.linkAt, &q.readLinks, &q.appendLinks, &q.putCheckpoint, &q.checkpoints} {
		*p = r.Replace(*p)
	}
	return q
}

// ChainHead returns the last link or the zero Link.
func (c chainStore) ChainHead(ctx context.Context) (chain.Link, error) {
	if err := c.s.check(ctx); err != nil {
		return chain.Link{}, err
	}
	l, err := scanLink(c.s.pool.QueryRow(ctx, c.q.head))
	if errors.Is(err, pgx.ErrNoRows) {
		return chain.Link{}, nil
	}
	if err != nil {
		return chain.Link{}, c.s.fail(ctx, "chain head", err)
	}
	return l, nil
}

// LinkAt returns the link at pos or chain.ErrNoLink.
func (c chainStore) LinkAt(ctx context.Context, pos eventstore.Position) (chain.Link, error) {
	if err := c.s.check(ctx); err != nil {
		return chain.Link{}, err
	}
	if pos.Lo > math.MaxInt64 {
		return chain.Link{}, chain.ErrNoLink
	}
	l, err := scanLink(c.s.pool.QueryRow(ctx, c.q.linkAt, pos.Hi, int64(pos.Lo)))
	if errors.Is(err, pgx.ErrNoRows) {
		return chain.Link{}, chain.ErrNoLink
	}
	if err != nil {
		return chain.Link{}, c.s.fail(ctx, "chain link", err)
	}
	return l, nil
}

// ReadLinks returns up to limit links after the position, in chain order.
func (c chainStore) ReadLinks(ctx context.Context, after eventstore.Position, limit int) ([]chain.Link, error) {
	if err := c.s.check(ctx); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, errors.New("postgres: read limit must be positive")
	}
	if after.Lo > math.MaxInt64 {
		after.Lo = math.MaxInt64
	}
	rows, err := c.s.pool.Query(ctx, c.q.readLinks, after.Hi, int64(after.Lo), limit)
	if err != nil {
		return nil, c.s.fail(ctx, "read links", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (chain.Link, error) { return scanLink(row) })
	if err != nil {
		return nil, c.s.fail(ctx, "read links", err)
	}
	return out, nil
}

func scanLink(row pgx.Row) (chain.Link, error) {
	var (
		l        chain.Link
		seq, pos int64
		hash     []byte
	)
	if err := row.Scan(&seq, &l.Position.Hi, &pos, &hash); err != nil {
		return l, err
	}
	if len(hash) != len(l.Hash) {
		return l, fmt.Errorf("postgres: chain link %d: hash has %d bytes", seq, len(hash))
	}
	l.Seq, l.Position.Lo = uint64(seq), uint64(pos)
	copy(l.Hash[:], hash)
	return l, nil
}

// AppendLinks stores consecutive links after the stored head in one
// statement, or returns chain.ErrConflict; see chain.Store.
func (c chainStore) AppendLinks(ctx context.Context, links []chain.Link) error {
	if err := c.s.check(ctx); err != nil || len(links) == 0 {
		return err
	}
	seqs, txs, poss, hashes := make([]int64, len(links)), make([]string, len(links)), make([]int64, len(links)), make([][]byte, len(links))
	for i, l := range links {
		if l.Seq == 0 || l.Seq > math.MaxInt64 || l.Position.Lo > math.MaxInt64 ||
			(i > 0 && (l.Seq != links[i-1].Seq+1 || !links[i-1].Position.Less(l.Position))) {
			return fmt.Errorf("postgres: chain link %d at %s is out of range or out of order", l.Seq, l.Position)
		}
		seqs[i], txs[i], poss[i], hashes[i] = int64(l.Seq), strconv.FormatUint(l.Position.Hi, 10), int64(l.Position.Lo), l.Hash[:]
	}
	tag, err := c.s.pool.Exec(ctx, c.q.appendLinks, seqs, txs, poss, hashes)
	if sqlState(err) == "23505" {
		return fmt.Errorf("%w: %w", chain.ErrConflict, err)
	}
	if err != nil {
		return c.s.fail(ctx, "append links", err)
	}
	if tag.RowsAffected() != int64(len(links)) {
		return fmt.Errorf("%w: link %d does not follow the stored head", chain.ErrConflict, links[0].Seq)
	}
	return nil
}

// PutCheckpoint stores cp unless one with its Count exists.
func (c chainStore) PutCheckpoint(ctx context.Context, cp chain.Checkpoint) error {
	if err := c.s.check(ctx); err != nil {
		return err
	}
	if cp.Count == 0 || cp.Count > math.MaxInt64 || cp.Position.Lo > math.MaxInt64 {
		return fmt.Errorf("postgres: checkpoint %d at %s is out of range", cp.Count, cp.Position)
	}
	_, err := c.s.pool.Exec(ctx, c.q.putCheckpoint, int64(cp.Count), cp.Position.Hi, int64(cp.Position.Lo),
		cp.Hash[:], cp.Time.UnixNano(), cp.Signature)
	if err != nil {
		return c.s.fail(ctx, "put checkpoint", err)
	}
	return nil
}

// Checkpoints returns every checkpoint in Count order.
func (c chainStore) Checkpoints(ctx context.Context) ([]chain.Checkpoint, error) {
	if err := c.s.check(ctx); err != nil {
		return nil, err
	}
	rows, err := c.s.pool.Query(ctx, c.q.checkpoints)
	if err != nil {
		return nil, c.s.fail(ctx, "checkpoints", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (chain.Checkpoint, error) {
		var (
			cp                   chain.Checkpoint
			count, pos, signedAt int64
			hash                 []byte
		)
		if err := row.Scan(&count, &cp.Position.Hi, &pos, &hash, &signedAt, &cp.Signature); err != nil {
			return cp, err
		}
		if len(hash) != len(cp.Hash) {
			return cp, fmt.Errorf("postgres: checkpoint %d: hash has %d bytes", count, len(hash))
		}
		cp.Count, cp.Position.Lo, cp.Time = uint64(count), uint64(pos), time.Unix(0, signedAt).UTC()
		copy(cp.Hash[:], hash)
		return cp, nil
	})
	if err != nil {
		return nil, c.s.fail(ctx, "checkpoints", err)
	}
	return out, nil
}
