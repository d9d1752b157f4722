package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Promote replaces the live schema with the shadow one in one transaction:
// check that the database kept every commit of the staging it acknowledged
// (ErrStagingLost otherwise; stagecommits.go), build the deferred indexes
// and statistics on the shadow, copy the live schema's grants, then
// (holding the writer lock, so no live transaction is open) rename live to
// "<schema>__old", the shadow to the live name, and drop the old one.
// Readers block for the renames only and then see the new tables. Its
// commit comes after every staging commit in the WAL: if a crash keeps it,
// it keeps them.
func (st *staging) Promote(ctx context.Context) error {
	s := st.s
	live, shadow, old := s.schema, s.next.schema, s.schema+"__old"
	return s.inTx(ctx, func(t pgx.Tx) error {
		ok, err := st.lockCurrent(ctx, t, lockMigrate, lockStaging)
		if err != nil || !ok {
			return errors.Join(err, doneUnless(ok))
		}
		if err := st.closeCount(ctx, t); err != nil {
			return err
		}
		// sorts for the index builds in memory (this transaction only)
		if err := execAll(ctx, t, "SET LOCAL maintenance_work_mem = '256MB'"); err != nil {
			return err
		}
		if err := execAll(ctx, t, st.indexes...); err != nil {
			return err
		}
		for _, table := range tableNames {
			if err := execAll(ctx, t, "ANALYZE "+quote(shadow, table)); err != nil {
				return err
			}
		}
		if err := copyGrants(ctx, t, live, shadow); err != nil {
			return err
		}
		return execAll(ctx, t, lockSQLFor(live, lockWriter),
			"DROP SCHEMA IF EXISTS "+pgx.Identifier{old}.Sanitize()+" CASCADE",
			"ALTER SCHEMA "+pgx.Identifier{live}.Sanitize()+" RENAME TO "+pgx.Identifier{old}.Sanitize(),
			"ALTER SCHEMA "+pgx.Identifier{shadow}.Sanitize()+" RENAME TO "+pgx.Identifier{live}.Sanitize(),
			"DROP SCHEMA "+pgx.Identifier{old}.Sanitize()+" CASCADE",
			"COMMENT ON SCHEMA "+pgx.Identifier{live}.Sanitize()+" IS "+quoteLiteral(schemaComment))
	})
}

// lockSQLFor is lockSQL with the key of purpose on schema inlined.
func lockSQLFor(schema, purpose string) string {
	return fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", lockKey(schema, purpose))
}

// copyGrants grants on the shadow schema and its tables what is granted on
// the live ones (other than to their owners), so that roles such as a
// read-only analyst keep their access across a rebuild.
func copyGrants(ctx context.Context, t pgx.Tx, live, shadow string) error {
	rows, err := t.Query(ctx, `
SELECT NULL::text, a.privilege_type,
       CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, a.is_grantable
  FROM pg_namespace n, aclexplode(n.nspacl) a
 WHERE n.nspname = $1 AND a.grantee <> n.nspowner
UNION ALL
SELECT c.relname::text, a.privilege_type,
       CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, a.is_grantable
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a
 WHERE n.nspname = $1 AND c.relkind = 'r' AND a.grantee <> c.relowner AND c.relname = ANY($2)`, live, tableNames)
	if err != nil {
		return fmt.Errorf("postgres: read grants: %w", mapErr(err))
	}
	grants, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		var table *string
		var priv, grantee string
		var grantable bool
		if err := r.Scan(&table, &priv, &grantee, &grantable); err != nil {
			return "", err
		}
		on := "SCHEMA " + pgx.Identifier{shadow}.Sanitize()
		if table != nil {
			on = "TABLE " + quote(shadow, *table)
		}
		g := "GRANT " + priv + " ON " + on + " TO " + grantee
		if grantable {
			g += " WITH GRANT OPTION"
		}
		return g, nil
	})
	if err != nil {
		return fmt.Errorf("postgres: read grants: %w", mapErr(err))
	}
	return execAll(ctx, t, grants...)
}
