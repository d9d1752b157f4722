package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Statements of a group transaction. One savepoint name serves every job:
// each is released (or rolled back to and released) before the next.
const (
	sqlBegin      = "BEGIN"
	sqlCommit     = "COMMIT"
	sqlSavepoint  = "SAVEPOINT job"
	sqlRelease    = "RELEASE SAVEPOINT job"
	sqlRollbackTo = "ROLLBACK TO SAVEPOINT job"
)

// runGroup commits jobs and answers them; it returns the jobs to run again
// (aborted by a deadlock or serialization failure, callers still waiting).
// A single job runs alone in an implicit transaction (appendTx); several
// share one transaction, see groupTx.
func (s *Store) runGroup(ctx context.Context, jobs []*job) (retry []*job) {
	if len(jobs) == 0 {
		return nil
	}
	results := make([]result, len(jobs))
	wrote := false
	if len(jobs) == 1 {
		results[0].pos, wrote, results[0].err = s.appendTx(ctx, jobs[0].steps, nil)
		wrote = wrote && results[0].err == nil
	} else {
		wrote = s.groupTx(ctx, jobs, results, mergeFirst(jobs))
	}
	if wrote {
		s.wake.wake()
		s.requestNotify()
	}
	for i, j := range jobs {
		r := results[i]
		j.attempts++
		if r.err != nil && isRetryable(r.err) && j.attempts < appendAttempts && !j.gone() {
			retry = append(retry, j)
			continue
		}
		if r.err != nil {
			r.err = mapErr(fmt.Errorf("postgres: append: %w", r.err))
		}
		j.res <- r
	}
	return retry
}

// groupTx runs every job in one transaction and fills results; it reports
// whether committed records were written. The first merged jobs (see
// mergeFirst) share one statement; each other job runs in a savepoint.
// When every job merges, the group is just that statement after the stream
// locks, in an implicit transaction (see mergedTx).
//
// The transaction first takes the advisory locks of every stream the group
// appends to, in key order and before anything is written (so before the
// transaction gets its id; see streamLockKeys): a stream held by a slow
// transaction elsewhere delays the whole group, at most LockTimeout, after
// which every call in it fails with ErrUnavailable. Then the merged statement
// and the other jobs run in order, later jobs seeing earlier ones. All of
// it, COMMIT included, is one pipelined batch. When a job fails a check
// (wrong version, claim taken, invalid data, a deadlock), the server skips
// the rest of the batch; the writer rolls back to the failed job's
// savepoint and sends the jobs after it in the next batch. If the merged
// statement fails, the transaction is rolled back and run again without
// merging. Any other failure (a lost connection, a failed COMMIT) fails
// every job; if it came while committing, the outcome is unknown.
func (s *Store) groupTx(ctx context.Context, jobs []*job, results []result, merged int) bool {
	fail := func(err error) bool {
		for i := range results {
			results[i] = result{err: err}
		}
		return false
	}
	if merged == len(jobs) {
		err := s.mergedTx(ctx, jobs, results)
		if err == nil {
			return wroteAny(jobs, results)
		}
		if !errors.Is(err, errMerge) {
			return fail(err)
		}
		merged = 0 // the implicit transaction was rolled back: run each job alone
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fail(err)
	}
	defer conn.Release() // a connection left inside a transaction is closed
	for {
		err = s.groupBatches(ctx, conn, jobs, results, merged)
		if !errors.Is(err, errMerge) {
			break
		}
		if _, err = conn.Exec(ctx, "ROLLBACK"); err != nil {
			break
		}
		merged = 0
	}
	if err != nil {
		return fail(err)
	}
	return wroteAny(jobs, results)
}

// wroteAny reports whether a job that appends records succeeded.
func wroteAny(jobs []*job, results []result) bool {
	for i, j := range jobs {
		if results[i].err == nil && writes(j.steps) {
			return true
		}
	}
	return false
}

// mergedTx commits a group whose jobs all share the merged statement: the
// stream locks and that statement form one batch in the implicit
// transaction of its Sync (as in appendTx), so the group is one round trip
// of two statements. A failed merged statement rolls everything back and
// returns errMerge; groupTx then runs the jobs in savepoints.
func (s *Store) mergedTx(ctx context.Context, jobs []*job, results []result) (err error) {
	b := &pgx.Batch{}
	b.Queue(s.q.lockStreams, groupLockKeys(s.opts.Schema, jobs))
	m := newMergedAppend(jobs)
	b.Queue(s.q.appendMany, m.args()...)
	br := s.pool.SendBatch(ctx, b)
	defer func() {
		if closeErr := br.Close(); err == nil {
			err = closeErr
		}
	}()
	if _, err := br.Exec(); err != nil {
		return err
	}
	if err := m.read(br, results); err != nil {
		if jobError(err) {
			return fmt.Errorf("%w: %w", errMerge, err)
		}
		return err
	}
	return nil
}

// errMerge reports that the merged statement of a group failed.
var errMerge = errors.New("postgres: merged append failed")

// groupBatches sends the batches of groupTx on conn; see there.
func (s *Store) groupBatches(ctx context.Context, conn *pgxpool.Conn, jobs []*job, results []result, merged int) error {
	b := &pgx.Batch{}
	b.Queue(sqlBegin)
	if keys := groupLockKeys(s.opts.Schema, jobs); len(keys) > 0 {
		b.Queue(s.q.lockStreams, keys)
	}
	lead := len(b.QueuedQueries)
	var m *mergedAppend
	if merged > 0 {
		m = newMergedAppend(jobs[:merged])
		b.Queue(s.q.appendMany, m.args()...)
	}
	for next := merged; next <= len(jobs); {
		for _, j := range jobs[next:] {
			b.Queue(sqlSavepoint)
			queueJob(b, s.q, j.steps)
			b.Queue(sqlRelease)
		}
		b.Queue(sqlCommit)
		failed, err := readGroup(conn.SendBatch(ctx, b), lead, m, results, jobs[next:], results[next:])
		if err != nil || failed < 0 {
			return err
		}
		next += failed + 1
		// On its own: the failed batch dropped its statements from the
		// connection's cache, and preparing them again needs a usable
		// transaction.
		if _, err := conn.Exec(ctx, sqlRollbackTo); err != nil {
			return err
		}
		b, lead, m = &pgx.Batch{}, 1, nil
		b.Queue(sqlRelease)
	}
	return nil
}

// readGroup reads one batch of groupTx: its lead statements, the merged
// statement (when m is not nil, into mres), then each job's savepoint,
// steps and release, then COMMIT. It returns the index of the job that
// failed a check (its result holds the error), or -1 after a successful
// COMMIT; err is a failure of the whole transaction (errMerge when the
// merged statement failed).
func readGroup(br pgx.BatchResults, lead int, m *mergedAppend, mres []result, jobs []*job, results []result) (failed int, err error) {
	defer func() {
		if closeErr := br.Close(); err == nil && failed < 0 {
			err = closeErr
		}
	}()
	for range lead {
		if _, err := br.Exec(); err != nil {
			return -1, err
		}
	}
	if m != nil {
		if err := m.read(br, mres); err != nil {
			if jobError(err) {
				return -1, fmt.Errorf("%w: %w", errMerge, err)
			}
			return -1, err
		}
	}
	for i, j := range jobs {
		if _, err := br.Exec(); err != nil {
			return -1, err
		}
		pos, err := readJob(br, j.steps)
		if err != nil {
			if !jobError(err) {
				return -1, err
			}
			results[i] = result{err: err}
			return i, nil
		}
		results[i] = result{pos: pos}
		if _, err := br.Exec(); err != nil {
			return -1, err
		}
	}
	_, err = br.Exec()
	return -1, err
}

// jobError reports an error that a rollback to the job's savepoint undoes:
// a failed check or any error the server raised in a statement, with the
// session still usable.
func jobError(err error) bool {
	if errors.Is(err, eventstore.ErrWrongExpectedVersion) || errors.Is(err, eventstore.ErrClaimTaken) ||
		errors.Is(err, eventstore.ErrKeyExists) {
		return true
	}
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Severity == "ERROR"
}

// groupLockKeys returns the stream lock keys of all jobs, sorted, without
// repeats.
func groupLockKeys(schema string, jobs []*job) []int64 {
	var keys []int64
	for _, j := range jobs {
		keys = append(keys, streamLockKeys(schema, j.steps)...)
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
