package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DefaultSchema is the schema the store lives in unless Options.Schema says
// otherwise.
const DefaultSchema = "eventstore"

// migrateLockKey is the first key of the advisory lock taken while
// migrating (the second is the schema's hash): "al-e" in ASCII.
const migrateLockKey = 0x616c2d65

// schemaName matches the schema names Open accepts: a plain lower-case SQL
// identifier, so it needs no quoting anywhere and fits NAMEDATALEN.
var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// migration is one forward-only schema step, "NNNN_name.sql".
type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	out := make([]migration, 0, len(names))
	for _, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != len(out)+1 {
			return nil, fmt.Errorf("postgres: migration %s: want number %04d", base, len(out)+1)
		}
		body, err := migrationFiles.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	return out, nil
}

// checkSchema validates a schema name ("" is DefaultSchema) and returns it.
func checkSchema(schema string) (string, error) {
	if schema == "" {
		return DefaultSchema, nil
	}
	if !schemaName.MatchString(schema) {
		return "", fmt.Errorf("postgres: schema %q must be a lower-case SQL identifier (a-z, 0-9, _)", schema)
	}
	return schema, nil
}

// Migrate creates schema ("" = DefaultSchema) if needed and applies the
// embedded migrations it lacks, all in one transaction under a
// pg_advisory_xact_lock, so concurrent migrators (several nodes starting at
// once) apply each step exactly once: the others wait for the lock and then
// find nothing to do. A schema newer than this binary is an error.
// Migrations are forward-only; schema_migrations records the applied steps.
func Migrate(ctx context.Context, pool *pgxpool.Pool, schema string) error {
	schema, err := checkSchema(schema)
	if err != nil {
		return err
	}
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return mapErr(fmt.Errorf("postgres: migrate: %w", err))
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if err := migrateTx(ctx, tx, schema, ms); err != nil {
		return mapErr(fmt.Errorf("postgres: migrate schema %s: %w", schema, err))
	}
	if err := tx.Commit(ctx); err != nil {
		return mapErr(fmt.Errorf("postgres: migrate schema %s: %w", schema, err))
	}
	return nil
}

func migrateTx(ctx context.Context, tx pgx.Tx, schema string, ms []migration) error {
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1::int4, hashtext($2))", migrateLockKey, schema); err != nil {
		return err
	}
	for _, stmt := range []string{
		"CREATE SCHEMA IF NOT EXISTS " + schema,
		"SET LOCAL search_path TO " + schema,
		`CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer     PRIMARY KEY,
			name       text        NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now())`,
	} {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return err
		}
	}
	var current int
	if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM "+schema+".schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("%w: database schema %d is newer than this binary's %d", errNewerSchema, current, len(ms))
	}
	for _, m := range ms[current:] {
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO "+schema+".schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// errNewerSchema: the database was migrated by a newer binary.
var errNewerSchema = errors.New("schema is newer than this binary")
