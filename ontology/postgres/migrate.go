package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// migrationFS holds the forward-only schema migrations, named
// NNNN_description.sql and applied in order with search_path set to the
// target schema.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

// schemaComment describes a store schema to analysts browsing it.
const schemaComment = "authledger ontology read store: six dimension tables projected from the event log, " +
	"rebuilt by `authledger projections rebuild` (see ontology/postgres/README.md)."

// migration is one embedded schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in version order.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []migration
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != len(out)+1 {
			return nil, fmt.Errorf("postgres: migration %q: want NNNN_name.sql numbered from 1 without gaps", base)
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(b)})
	}
	return out, nil
}

// Beginner starts transactions: *pgx.Conn, *pgxpool.Pool and pgx.Tx all
// are.
type Beginner interface {
	Begin(ctx context.Context) (pgx.Tx, error)
}

// Migrate creates schema (DefaultSchema when "") if needed and applies the
// migrations it lacks, all in one transaction holding an advisory lock, so
// nodes starting together migrate it once. It refuses a schema newer than
// this binary.
func Migrate(ctx context.Context, db Beginner, schema string) error {
	schema, err := checkSchema(schema)
	if err != nil {
		return err
	}
	t, err := db.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate: %w", mapErr(err))
	}
	if err := migrateIn(ctx, t, schema); err != nil {
		return errors.Join(err, t.Rollback(ctx))
	}
	if err := t.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: migrate: commit: %w", mapErr(err))
	}
	return nil
}

// migrateIn brings schema up to date inside t.
func migrateIn(ctx context.Context, t pgx.Tx, schema string) error {
	all, err := migrations()
	if err != nil {
		return err
	}
	ident := pgx.Identifier{schema}.Sanitize()
	setup := []string{
		"SET LOCAL lock_timeout = '60s'",
		fmt.Sprintf("SELECT pg_advisory_xact_lock(%d)", lockKey(schema, lockMigrate)),
		"CREATE SCHEMA IF NOT EXISTS " + ident,
		"SET LOCAL search_path TO " + ident,
		`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer NOT NULL PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)`,
	}
	if err := execAll(ctx, t, setup...); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", schema, err)
	}
	var current int
	if err := t.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("postgres: migrate %s: read version: %w", schema, mapErr(err))
	}
	if current > len(all) {
		return fmt.Errorf("postgres: schema %s is at version %d, newer than this binary's %d", schema, current, len(all))
	}
	for _, m := range all[current:] {
		if _, err := t.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("postgres: migration %s on %s: %w", m.name, schema, mapErr(err))
		}
		if _, err := t.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			return fmt.Errorf("postgres: record migration %s on %s: %w", m.name, schema, mapErr(err))
		}
	}
	if current < len(all) {
		return execAll(ctx, t, "COMMENT ON SCHEMA "+ident+" IS "+quoteLiteral(schemaComment),
			"COMMENT ON TABLE schema_migrations IS 'Migrations applied to this schema, one row per version.'")
	}
	return nil
}

// execAll runs statements in order.
func execAll(ctx context.Context, t pgx.Tx, stmts ...string) error {
	for _, q := range stmts {
		if _, err := t.Exec(ctx, q); err != nil {
			return fmt.Errorf("postgres: %.80s: %w", q, mapErr(err))
		}
	}
	return nil
}

// quoteLiteral quotes s as an SQL string literal.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
