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
// no transaction with an id below h can still commit rows, so every page is
// a prefix of the final log. The classic horizon is
// pg_snapshot_xmin(pg_current_snapshot()), the oldest transaction still
// running: an open transaction has tx_id ≥ xmin, so nothing at or after it
// is returned until it ends. That xmin is cluster-wide, though: any open
// write transaction in any database (an analyst's long UPDATE, another
// service, the ontology's own writes) would hold every follower back. The
// store refines it with two statements. The first (horizonSQL) takes a
// snapshot S0 and then reads pg_stat_activity:
//
//	h = min(xmax(S0), min{x in xip(S0) : x is the transaction of a backend
//	        of this database with this store's application_name, or a
//	        prepared transaction})
//
// The second reads rows with tx_id < h under a later snapshot S1. Take a row
// with tx_id t < h. If t < xmax(S0) and t is not in xip(S0), t had ended at
// S0. If t is in xip(S0) but not a blocker, then when pg_stat_activity was
// read either t had ended (so it ended before S1), or it was running in
// another database or under another application_name: a foreign transaction,
// which never writes this table, because only this store writes it and all
// of its connections carry appName. Transactions starting after S0 get ids
// ≥ xmax(S0) ≥ h. So every row below h is committed before S1, visible to
// the read, and no later commit adds one: nothing is skipped. (A role
// without pg_read_all_stats still sees every backend's database,
// application_name and backend_xid.) If Open finds that pg_stat_activity
// does not report its application_name, every transaction of this database
// blocks.
//
// Within a stream, version order is log order too: see lockedStreams.
//
// The horizon moves when the oldest of our open transactions ends. Followers
// are woken after every commit that appended records (directly in this
// process, by NOTIFY in others), and, since an older transaction may end
// without appending (a claim, a key) after the followers' last empty read,
// by a ticker while readers observe records waiting beyond the horizon
// (see wake.go).
const horizonSQL = `SELECT least(pg_snapshot_xmax(s.snap), (
		SELECT min(o.x) FROM pg_snapshot_xip(s.snap) AS o(x)
		WHERE o.x::xid IN (
			SELECT a.backend_xid FROM pg_stat_activity AS a
			WHERE a.backend_xid IS NOT NULL
				AND a.datid = (SELECT oid FROM pg_database WHERE datname = current_database())
				AND (NOT $2::boolean OR a.application_name = $1::text)
			UNION ALL SELECT p.transaction FROM pg_prepared_xacts AS p))),
		pg_snapshot_xmax(s.snap)
	FROM (SELECT pg_current_snapshot() AS snap) AS s`

// readHorizon runs horizonSQL: the horizon and the snapshot's xmax. Run it
// as its own statement, before the statement that reads below the horizon.
func (s *Store) readHorizon(ctx context.Context) (h, xmax uint64, err error) {
	err = s.pool.QueryRow(ctx, s.q.horizon, s.appName, s.trustApp).Scan(&h, &xmax)
	return h, xmax, err
}

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
	x, xmax, err := s.readHorizon(ctx)
	if err != nil {
		return Horizon{}, s.fail(ctx, "horizon", err)
	}
	var h Horizon
	err = s.pool.QueryRow(ctx, s.q.visible, x).Scan(&h.Head.Hi, &h.Head.Lo, &h.Committed.Hi, &h.Committed.Lo, &h.Pending)
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
