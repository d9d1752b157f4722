package postgres

import (
	"context"

	"github.com/authledger/authledger/eventstore"
)

// Why ReadAll never skips a position.
//
// Every row is stamped with tx_id = pg_current_xact_id() of the transaction
// that wrote it and seq from an identity, and the global order is
// (tx_id, seq). Transactions commit in any order, so ordering alone is not
// enough: if transaction 100 is still open when transaction 101 commits, a
// reader that returned 101's rows and moved its cursor past them would
// never see 100's rows, which sort before the cursor once 100 commits.
//
// A read therefore returns only rows with tx_id below a horizon h such that
// no transaction with an id below h can still commit rows: every such row is
// already committed and visible to the read's own snapshot S, so the page
// is a prefix of the final log. The classic horizon is
// pg_snapshot_xmin(pg_current_snapshot()), the oldest transaction still
// running when S was taken: an open transaction has tx_id ≥ xmin, so nothing
// at or after it is returned until it ends. That xmin is cluster-wide,
// though: any open write transaction in any database (an analyst's long
// UPDATE, another service, the ontology's own writes) would hold every
// follower back. horizonSQL refines it, never past pg_snapshot_xmax(S):
//
//	h = min(xmax(S), min{x in xip(S) : x is not known to be foreign})
//
// where xip(S) are the transactions running at S and x is "foreign" when,
// while this statement runs (after S was taken), pg_stat_activity shows x
// as the transaction of a backend connected to another database, or with
// an application_name other than this store's (appName). Only this store
// writes its events table, and it does so only through its own pool, whose
// connections all carry appName, so a running foreign transaction never
// writes a row here. Any x we cannot prove foreign blocks: ours, prepared
// transactions, backends we may not see (a role without pg_read_all_stats),
// and transactions that ended between S and the pg_stat_activity read (a
// harmless, momentary extra wait). Transactions not yet started at S get ids
// ≥ xmax(S). Hence every row with tx_id < h is committed and in S, and no
// later commit can add one: nothing is skipped. If Open finds that
// pg_stat_activity does not report its application_name, only other
// databases count as foreign.
//
// The horizon moves when the oldest of our open transactions ends. Followers
// are woken at every commit that appended records (NOTIFY), and, since a
// commit can be followed by an empty read while an older transaction is
// still open, by a ticker while readers observe records waiting beyond the
// horizon (see wake.go).
const horizonSQL = `SELECT least(pg_snapshot_xmax(s.snap), (
		SELECT min(o.x) FROM pg_snapshot_xip(s.snap) AS o(x)
		WHERE o.x::xid NOT IN (
			SELECT a.backend_xid FROM pg_stat_activity AS a
			WHERE a.backend_xid IS NOT NULL
				AND (a.datid <> (SELECT oid FROM pg_database WHERE datname = current_database())
					OR ($2::boolean AND a.application_name <> $1::text))))) AS x,
		pg_snapshot_xmax(s.snap) AS xmax
	FROM (SELECT pg_current_snapshot() AS snap) AS s`

// appName is the application_name of the store's connections: it marks
// their transactions as writers of this schema (see horizonSQL). PostgreSQL
// keeps 63 bytes; a truncated name shared by two schemas only makes each
// wait for the other's writers.
func appName(schema string) string {
	name := "authledger-eventstore:" + schema
	return name[:min(len(name), 63)]
}

// Horizon is a snapshot of the visibility horizon, for metrics and
// operators: why does a follower wait?
type Horizon struct {
	// Head is the last record a reader may see now; Store.Head returns it
	// and ReadAll never goes past it.
	Head eventstore.Position
	// Committed is the last committed record, possibly beyond Head.
	Committed eventstore.Position
	// Pending counts committed records beyond Head: they wait for an
	// older transaction of this store to end. Zero when readers are caught
	// up with every commit.
	Pending int64
	// Blocker is the id of the oldest open transaction that holds the
	// horizon back (look it up as backend_xid in pg_stat_activity), or 0.
	Blocker uint64
}

// Horizon reports the visibility horizon: Head, the last committed record,
// and how many committed records wait behind an open transaction (and
// which). Export Pending as a gauge to see why followers lag.
func (s *Store) Horizon(ctx context.Context) (Horizon, error) {
	if err := s.check(ctx); err != nil {
		return Horizon{}, err
	}
	var h Horizon
	var x, xmax uint64
	err := s.pool.QueryRow(ctx, s.q.horizon, s.appName, s.trustApp).Scan(&x, &xmax,
		&h.Head.Hi, &h.Head.Lo, &h.Committed.Hi, &h.Committed.Lo, &h.Pending)
	if err != nil {
		return Horizon{}, s.fail(ctx, "horizon", err)
	}
	if x < xmax {
		h.Blocker = x
	}
	if h.Pending > 0 {
		s.wake.setBehind()
	}
	return h, nil
}

// Head returns the position of the last record a reader may see: the last
// committed record unless records wait behind an open transaction (see
// Horizon).
func (s *Store) Head(ctx context.Context) (eventstore.Position, error) {
	h, err := s.Horizon(ctx)
	if err != nil {
		return eventstore.Position{}, err
	}
	return h.Head, nil
}
