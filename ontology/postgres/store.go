// Package postgres is the production ontology.Store on PostgreSQL through
// pgx/v5 (pgxpool): the six dimension tables and the projector checkpoints
// in one schema (default "ontology"), with real column types — timestamptz,
// jsonb, boolean, bigint — and an index for every filter of
// ontology.Filters ending in the sort key. See README.md for analysts.
//
// Times are stored with PostgreSQL's microsecond precision: writes truncate
// the nanoseconds Go carries, reads return UTC, and time filters round
// their bound up to the microsecond, which is exact over the stored values.
// Text columns use COLLATE "C", so ids sort by bytes as in the other
// adapters. PostgreSQL text cannot hold NUL bytes or invalid UTF-8, nor
// jsonb \u0000 or unpaired surrogates: keys (ids) with them fail with
// ontology.ErrBadRow, other text and JSON strings are stored with U+FFFD in
// their place, so one odd profile field never stops a projection.
//
// A transaction (Begin) is a pgx.Tx holding an advisory lock that makes it
// the only writer of the schema, as SQLite's single writer is; its writes
// are queued and sent as one pipelined batch before the next read and at
// Commit, so a projection batch costs a few round trips, not one per row.
// Events with Seq 0 are numbered max(seq)+1 on the client side under that
// lock.
//
// Stage builds a shadow schema "<schema>__next" with the same migrations
// (and only the indexes that loading needs); Promote builds the remaining
// indexes, copies the live schema's grants and swaps the schemas by renaming
// them in one transaction, so readers see the old tables or the new ones,
// never a mix. Advisory locks make staging safe across processes: a newer
// Stage, from any node, supersedes an older one.
//
// Migrations are embedded and forward-only, recorded in
// <schema>.schema_migrations and applied under pg_advisory_xact_lock, so
// nodes starting together migrate once.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/authledger/authledger/ontology"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultSchema is the schema Open uses when Options.Schema is empty.
const DefaultSchema = "ontology"

// ErrStagingDone is returned by a Staging after Promote or Discard, or once a
// newer Stage has replaced it.
var ErrStagingDone = errors.New("postgres: staging promoted, discarded or superseded")

// ErrBadSchema is returned for a schema name that is not a plain lower-case
// identifier of at most 50 characters.
var ErrBadSchema = errors.New("postgres: bad schema name")

// schemaName is what Options.Schema accepts: room is left for the
// "__next" and "__old" suffixes within PostgreSQL's 63-byte identifiers.
var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,49}$`)

// Options configure Open. The zero value is usable.
type Options struct {
	// MaxConns bounds the connection pool (0: pgxpool's default, or the
	// URL's pool_max_conns).
	MaxConns int32
	// Schema holds the tables (default DefaultSchema); its shadow for
	// rebuilds is Schema+"__next".
	Schema string
	// SkipMigrate leaves the schema alone (migrations are applied by
	// Migrate elsewhere, e.g. a deploy step).
	SkipMigrate bool
}

// Store is an ontology.Store in one PostgreSQL schema.
type Store struct {
	pool       *pgxpool.Pool
	schema     string
	live, next *queries
}

var _ ontology.Store = (*Store)(nil)

// Open connects to the database at url (a postgres:// URL or key=value
// DSN), checks the connection and, unless opts.SkipMigrate, applies pending
// migrations to opts.Schema.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	schema, err := checkSchema(opts.Schema)
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse url: %w", err) // pgx redacts the password
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: connect: %w", mapErr(err))
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connect: %w", mapErr(err))
	}
	if !opts.SkipMigrate {
		if err := Migrate(ctx, pool, schema); err != nil {
			pool.Close()
			return nil, err
		}
	}
	return &Store{pool: pool, schema: schema, live: newQueries(schema), next: newQueries(schema + shadowSuffix)}, nil
}

// checkSchema applies the default and validates a schema name.
func checkSchema(schema string) (string, error) {
	if schema == "" {
		return DefaultSchema, nil
	}
	if !schemaName.MatchString(schema) {
		return "", fmt.Errorf("%w: %q", ErrBadSchema, schema)
	}
	return schema, nil
}

// Schema returns the schema holding the live tables.
func (s *Store) Schema() string { return s.schema }

// Close closes the pool, waiting for borrowed connections; a second Close
// is a no-op.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Begin starts a write transaction on the live tables. It takes the
// schema's writer lock (with the first statement), so concurrent
// transactions, from this process or another, run one after the other.
func (s *Store) Begin(ctx context.Context) (ontology.Tx, error) {
	t, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: begin: %w", mapErr(err))
	}
	x := newTx(t, s.live)
	x.batch.Queue(lockSQL, lockKey(s.schema, lockWriter))
	return x, nil
}

// Drop deletes the store's schema, its shadow and any leftover of a
// promote, with every row and checkpoint: the PostgreSQL counterpart of
// deleting the SQLite file. Migrate (or a new Open) recreates the schema;
// the projections then rebuild from the event log.
func (s *Store) Drop(ctx context.Context) error {
	return s.inTx(ctx, func(t pgx.Tx) error {
		stmts := []string{fmt.Sprintf("SELECT pg_advisory_xact_lock(%d), pg_advisory_xact_lock(%d), pg_advisory_xact_lock(%d)",
			lockKey(s.schema, lockMigrate), lockKey(s.schema, lockWriter), lockKey(s.schema, lockStaging))}
		for _, name := range []string{s.schema, s.next.schema, s.schema + "__old"} {
			stmts = append(stmts, "DROP SCHEMA IF EXISTS "+pgx.Identifier{name}.Sanitize()+" CASCADE")
		}
		return execAll(ctx, t, stmts...)
	})
}
