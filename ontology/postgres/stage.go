package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
)

// markerPrefix starts the comment Stage puts on a shadow schema; the rest
// is the staging's random token, which tells a live staging from a
// superseded one in any process.
const markerPrefix = "authledger staging "

// markerSQL reads a schema's comment (NULL when the schema is missing).
const markerSQL = "SELECT obj_description(to_regnamespace($1)::oid, 'pg_namespace')"

// staging is one rebuild into the shadow schema; token identifies it,
// indexes are the CREATE INDEX statements Promote runs and cache holds the
// rows its transactions committed (stageCache).
type staging struct {
	s       *Store
	token   string
	indexes []string
	cache   stageCache
	commits commitLog // its acknowledged commits (stagecommits.go)
}

// Stage (re)creates an empty shadow schema with the migrations, dropping
// one left by an unfinished rebuild (earlier stagings go stale), and drops
// the indexes loading does not need.
func (s *Store) Stage(ctx context.Context) (ontology.Staging, error) {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails
	st := &staging{s: s, token: hex.EncodeToString(b)}
	shadow := s.next.schema
	err := s.inTx(ctx, func(t pgx.Tx) error {
		err := execAll(ctx, t, fmt.Sprintf("SELECT pg_advisory_xact_lock(%d), pg_advisory_xact_lock(%d)",
			lockKey(s.schema, lockMigrate), lockKey(s.schema, lockStaging)),
			"DROP SCHEMA IF EXISTS "+pgx.Identifier{shadow}.Sanitize()+" CASCADE")
		if err != nil {
			return err
		}
		if err := migrateIn(ctx, t, shadow); err != nil {
			return err
		}
		if st.indexes, err = deferIndexes(ctx, t, shadow); err != nil {
			return err
		}
		if err := execAll(ctx, t, stagingCommitsDDL(shadow)...); err != nil {
			return err
		}
		return execAll(ctx, t, "COMMENT ON SCHEMA "+pgx.Identifier{shadow}.Sanitize()+" IS "+quoteLiteral(markerPrefix+st.token))
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: stage: %w", err)
	}
	return st, nil
}

// deferIndexes drops the shadow's secondary indexes except loadingIndexes
// and returns their definitions.
func deferIndexes(ctx context.Context, t pgx.Tx, shadow string) ([]string, error) {
	rows, err := t.Query(ctx, `SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = to_regnamespace($1)::oid)
  AND NOT i.indexname = ANY($2) ORDER BY i.indexname`, shadow, loadingIndexes)
	if err != nil {
		return nil, mapErr(err)
	}
	type index struct{ name, def string }
	all, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (index, error) {
		var ix index
		return ix, r.Scan(&ix.name, &ix.def)
	})
	if err != nil {
		return nil, mapErr(err)
	}
	defs := make([]string, 0, len(all))
	for _, ix := range all {
		if err := execAll(ctx, t, "DROP INDEX "+pgx.Identifier{shadow, ix.name}.Sanitize()); err != nil {
			return nil, err
		}
		defs = append(defs, ix.def)
	}
	return defs, nil
}

// current reports, inside t, whether st still owns the shadow schema.
func (st *staging) current(ctx context.Context, db querier) (bool, error) {
	var marker *string
	if err := db.QueryRow(ctx, markerSQL, st.s.next.schema).Scan(&marker); err != nil {
		return false, fmt.Errorf("postgres: read staging marker: %w", mapErr(err))
	}
	return marker != nil && *marker == markerPrefix+st.token, nil
}

// Begin starts a transaction on the shadow tables. It holds the schema's
// staging lock, so staging transactions run one after the other and never
// overlap a Stage, Promote or Discard.
func (st *staging) Begin(ctx context.Context) (ontology.Tx, error) {
	t, err := st.s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: begin: %w", mapErr(err))
	}
	n, ok, err := st.lockForWrites(ctx, t)
	if err != nil || !ok {
		return nil, errors.Join(err, doneUnless(ok), t.Rollback(ctx))
	}
	st.commits.begun(n)
	x := newTx(t, st.s.next)
	x.cache = &st.cache
	x.committed = func() { st.commits.committed(n) }
	return x, nil
}

// lockForWrites is lockCurrent(lockStaging) in one round trip, for the
// rebuild's transactions (one per batch). The same round trip makes the
// transaction's commit asynchronous and returns its number n (see
// stagecommits.go); a shadow already dropped is a staging no longer current.
func (st *staging) lockForWrites(ctx context.Context, t pgx.Tx) (n int64, ok bool, err error) {
	b := &pgx.Batch{}
	b.Queue(lockSQL, lockKey(st.s.schema, lockStaging))
	var marker *string
	b.Queue(markerSQL, st.s.next.schema).QueryRow(func(r pgx.Row) error { return r.Scan(&marker) })
	queueCount(b, st.s.next.schema, &n)
	if err := t.SendBatch(ctx, b).Close(); err != nil {
		if missingTable(err) {
			return 0, false, nil
		}
		return 0, false, fmt.Errorf("postgres: lock staging: %w", mapErr(err))
	}
	return n, marker != nil && *marker == markerPrefix+st.token, nil
}

// lockCurrent takes the advisory locks of purposes on the live schema, in
// order, then reports whether st still owns the shadow schema.
func (st *staging) lockCurrent(ctx context.Context, t pgx.Tx, purposes ...string) (bool, error) {
	for _, p := range purposes {
		if _, err := t.Exec(ctx, lockSQL, lockKey(st.s.schema, p)); err != nil {
			return false, fmt.Errorf("postgres: lock %s: %w", p, mapErr(err))
		}
	}
	return st.current(ctx, t)
}

// doneUnless returns ErrStagingDone when ok is false.
func doneUnless(ok bool) error {
	if ok {
		return nil
	}
	return ErrStagingDone
}

// Checkpoint reads a projector's position in the shadow checkpoints.
func (st *staging) Checkpoint(ctx context.Context, projector string) (string, error) {
	ok, err := st.current(ctx, st.s.pool)
	if err != nil || !ok {
		return "", errors.Join(err, doneUnless(ok))
	}
	return readCheckpoint(ctx, st.s.pool, st.s.next, projector)
}

// Discard drops the shadow schema; a stale staging leaves it to the newer one.
func (st *staging) Discard(ctx context.Context) error {
	return st.s.inTx(ctx, func(t pgx.Tx) error {
		ok, err := st.lockCurrent(ctx, t, lockStaging)
		if err != nil || !ok {
			return err
		}
		return execAll(ctx, t, "DROP SCHEMA "+pgx.Identifier{st.s.next.schema}.Sanitize()+" CASCADE")
	})
}

// inTx runs fn in a transaction and commits it.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	t, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: begin: %w", mapErr(err))
	}
	if err := fn(t); err != nil {
		return errors.Join(err, t.Rollback(ctx))
	}
	if err := t.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: commit: %w", mapErr(err))
	}
	return nil
}
