package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// A staging's transactions commit without waiting for the WAL flush
// (synchronous_commit off): nothing reads a staging before Promote, and a
// rebuild that fails is discarded whole, so each batch of a rebuild need not
// be durable on its own. Promote's commit comes after all of them in the
// WAL, so a crash that keeps it keeps them, and it waits for the flush as
// the server's setting says (on, by default).
//
// What a server crash can take is the staging's last commits, already
// acknowledged. The caller has moved on from them (a rebuild keeps their
// effects in memory, as does this package's stage cache), so the staging
// would be missing rows that nothing writes again. commitLog finds that
// out: every staging transaction counts itself in the shadow's one-row
// table stagingCommits, under the staging lock, and learns its number;
// commits that vanish leave a later transaction's number no higher than
// the last acknowledged commit's, or the count Promote reads lower than it.
// Promote then refuses with ErrStagingLost, and the live tables stay as
// they were.

// stagingCommits is the shadow's table counting its committed transactions;
// Stage creates it and Promote drops it.
const stagingCommits = "staging_commits"

// ErrStagingLost is returned by Promote when the database lost acknowledged
// commits of the staging (a server crash while the rebuild ran): the rebuild
// has to run again.
var ErrStagingLost = errors.New("postgres: the staging lost acknowledged writes in a database failure; run the rebuild again")

// commitLog tracks a staging's acknowledged commits by their numbers.
type commitLog struct {
	mu    sync.Mutex
	acked int64 // the highest number of an acknowledged commit
	lost  bool  // a transaction got a number at or below acked
}

// begun records that a transaction got number n: at or below an
// acknowledged one means the count went back, so commits were lost.
func (c *commitLog) begun(n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n <= c.acked {
		c.lost = true
	}
}

// committed records the acknowledged commit of the transaction numbered n.
func (c *commitLog) committed(n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.acked = max(c.acked, n)
}

// check compares the count Promote read with the acknowledged commits.
func (c *commitLog) check(stored int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lost || stored < c.acked {
		return ErrStagingLost
	}
	return nil
}

// stagingCommitsDDL creates the shadow's commit count (Stage).
func stagingCommitsDDL(shadow string) []string {
	table := quote(shadow, stagingCommits)
	return []string{"CREATE TABLE " + table + " (n bigint NOT NULL)", "INSERT INTO " + table + " (n) VALUES (0)"}
}

// queueCount adds to b, the batch that opens a staging transaction, the
// asynchronous commit and the count that numbers the transaction into n.
func queueCount(b *pgx.Batch, shadow string, n *int64) {
	b.Queue("SET LOCAL synchronous_commit = off")
	b.Queue("UPDATE " + quote(shadow, stagingCommits) + " SET n = n + 1 RETURNING n").
		QueryRow(func(r pgx.Row) error { return r.Scan(n) })
}

// missingTable reports the error of a statement on a table that does not
// exist: a staging transaction's count after its shadow was dropped.
func missingTable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42P01"
}

// closeCount reads the count of the shadow in Promote's transaction, checks
// it against the acknowledged commits and drops the table.
func (st *staging) closeCount(ctx context.Context, t pgx.Tx) error {
	table := quote(st.s.next.schema, stagingCommits)
	var stored int64
	if err := t.QueryRow(ctx, "SELECT n FROM "+table).Scan(&stored); err != nil {
		return fmt.Errorf("postgres: read the staging's commits: %w", mapErr(err))
	}
	if err := st.commits.check(stored); err != nil {
		return err
	}
	return execAll(ctx, t, "DROP TABLE "+table)
}
