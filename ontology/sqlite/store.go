// Package sqlite is the embedded ontology.Store on modernc.org/sqlite (pure
// Go, driver "sqlite"): one file, WAL mode, one writer connection and a
// pool of read-only connections.
//
// The file is a projection of the event log and is rebuilt from it, so it
// runs with synchronous=NORMAL: a power loss may drop the last commits, and
// the projectors simply re-apply them from their checkpoints (which commit
// with the rows). Delete the file to rebuild from scratch.
//
// Schema (see migrations/): real snake_case columns for every field, times as
// TEXT in UTC RFC 3339 with nine fractional digits (ordered as text,
// readable by SQLite's date functions), JSON as TEXT, an index for every
// filter in ontology.Filters ending in the sort key. Migrations are embedded
// and forward-only, recorded in schema_migrations.
//
// Stage builds "<table>__next" shadow tables (with only the indexes
// DeleteSubject needs, for fast loading); Promote drops the live tables,
// renames the shadows into place and builds the full index set, all in one
// transaction, so readers see the old tables or the new ones, never a mix.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/authledger/authledger/ontology"
	_ "modernc.org/sqlite" // registers driver "sqlite"
)

// readers is the size of the read connection pool.
const readers = 4

// ErrStagingDone is returned by a Staging after Promote or Discard, or once a
// newer Stage has replaced it.
var ErrStagingDone = errors.New("sqlite: staging promoted, discarded or superseded")

// Store is an ontology.Store in one SQLite file.
type Store struct {
	w          *sql.DB // the one writer connection; serializes all transactions
	r          *sql.DB // read-only pool
	live, next *queries
	prep       prepared // the live tables' write statements

	mu       sync.Mutex
	stageGen int // bumped, holding the writer, by Stage, Promote and Discard
	closed   bool
}

var _ ontology.Store = (*Store)(nil)

// Open opens (creating if needed) the read store at path and applies any
// pending migrations. path is a file name; ":memory:" is not supported
// because the writer and the readers are separate connections.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("sqlite: unsupported path %q: want a plain file name", path)
	}
	const common = "?_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(0)&_pragma=temp_store(MEMORY)"
	w, err := sql.Open("sqlite", path+common+"&_pragma=journal_mode(WAL)&_pragma=cache_size(-65536)&_pragma=wal_autocheckpoint(8192)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	if err := migrate(ctx, w); err != nil {
		return nil, errors.Join(err, w.Close())
	}
	r, err := sql.Open("sqlite", path+common+"&_pragma=query_only(1)&_pragma=cache_size(-16384)")
	if err != nil {
		return nil, errors.Join(fmt.Errorf("sqlite: open %s: %w", path, err), w.Close())
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	if err := r.PingContext(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("sqlite: open readers %s: %w", path, err), r.Close(), w.Close())
	}
	live := newQueries("")
	prep, err := prepareLive(ctx, w, live)
	if err != nil {
		return nil, errors.Join(err, r.Close(), w.Close())
	}
	return &Store{w: w, r: r, live: live, next: newQueries(shadow), prep: prep}, nil
}

// Close closes both pools; a second Close is a no-op.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	return errors.Join(s.prep.close(), s.r.Close(), s.w.Close())
}

// Begin starts a write transaction on the live tables. There is one writer
// connection: Begin waits while another transaction (live or staged) is open.
func (s *Store) Begin(ctx context.Context) (ontology.Tx, error) {
	return s.begin(ctx, s.live)
}

// begin opens a writer transaction using the statements q.
func (s *Store) begin(ctx context.Context, q *queries) (*tx, error) {
	t, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	return &tx{tx: t, q: q, prep: s.prep, stmts: map[string]*sql.Stmt{}}, nil
}
