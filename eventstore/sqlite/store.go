// Package sqlite is the embedded eventstore.Store on SQLite (modernc.org/sqlite,
// pure Go). One writer goroutine owns the only write connection and group
// commits concurrent appends: every pending call goes into one transaction,
// each in its own SAVEPOINT, and one COMMIT (one fsync) acknowledges them
// all. Reads use a separate connection pool; WAL lets them run alongside
// the writer, and since positions are rowids assigned under the single
// write lock, ReadAll never skips.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/authledger/authledger/eventstore"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Options tune the store; the zero value is the safe default.
type Options struct {
	// Synchronous is the writer's PRAGMA synchronous: "FULL" (default) makes
	// every acknowledged append survive power loss. "NORMAL" is faster in
	// WAL mode and survives process crashes, but a power loss may drop the
	// last acknowledged commits — only for throwaway data.
	Synchronous string
	// BusyTimeout is how long a connection waits for a lock held by another
	// process before failing with ErrUnavailable (default 5s).
	BusyTimeout time.Duration
	// Readers is the size of the read connection pool (default 4).
	Readers int
	// MaxBatch caps the append calls in one group commit (default 512).
	MaxBatch int
}

func (o Options) withDefaults() (Options, error) {
	o.Synchronous = strings.ToUpper(o.Synchronous)
	switch o.Synchronous {
	case "":
		o.Synchronous = "FULL"
	case "FULL", "NORMAL", "EXTRA":
	default:
		return o, fmt.Errorf("sqlite: synchronous must be FULL, NORMAL or EXTRA, got %q", o.Synchronous)
	}
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = 5 * time.Second
	}
	if o.Readers <= 0 {
		o.Readers = 4
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = 512
	}
	return o, nil
}

// Features returns what this adapter declares: atomic across requests and
// durable.
func Features() eventstore.Features {
	return eventstore.Features{AtomicMulti: true, Durable: true}
}

// Store is the SQLite event store. Create it with Open; it is safe for
// concurrent use.
type Store struct {
	opts    Options
	wdb     *sql.DB // one connection, owned by the writer goroutine
	rdb     *sql.DB // read pool, query_only
	w       *writer
	reads   readStmts
	queue   chan *job
	closing chan struct{} // closed by Close: the writer drains and stops
	stopped chan struct{} // closed by the writer when it has stopped

	closed    atomic.Bool
	closeOnce sync.Once

	mu      sync.Mutex
	changed chan struct{}
}

var _ eventstore.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path, applies the
// embedded migrations and starts the writer.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if path == "" || strings.ContainsAny(path, "?#") || strings.HasPrefix(path, ":memory:") || strings.HasPrefix(path, "file:") {
		return nil, fmt.Errorf("sqlite: path %q must be a plain file path", path)
	}
	s := &Store{opts: opts, queue: make(chan *job, 4*opts.MaxBatch), closing: make(chan struct{}),
		stopped: make(chan struct{}), changed: make(chan struct{})}
	if err := s.openWriter(ctx, path); err != nil {
		return nil, err
	}
	if err := s.openReaders(ctx, path); err != nil {
		_ = s.w.close()
		_ = s.wdb.Close()
		return nil, err
	}
	go s.writeLoop()
	return s, nil
}

func dsn(path string, opts Options, pragmas ...string) string {
	q := []string{fmt.Sprintf("_pragma=busy_timeout(%d)", opts.BusyTimeout.Milliseconds()), "_pragma=foreign_keys(1)"}
	for _, p := range pragmas {
		q = append(q, "_pragma="+p)
	}
	return path + "?" + strings.Join(q, "&")
}

// openWriter opens the write connection. temp_store(MEMORY) keeps the
// batch's savepoint journal (the pages each job's SAVEPOINT may have to
// restore) in memory: with the default it spills to a temporary file once
// a batch touches more than a few pages, costing a file create, a write
// per page and a delete per commit. The WAL alone makes commits durable.
// wal_autocheckpoint(8192) copies the WAL into the database every 32 MiB
// instead of SQLite's 4 MiB: each checkpoint ends with an fsync, and a page
// rewritten by many commits is copied once per checkpoint (sign-ups under
// load measured 5% faster). Destroyed keys do not wait for it: their WAL
// is emptied at once (DestroyKey).
func (s *Store) openWriter(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, s.opts, "journal_mode(WAL)", "synchronous("+s.opts.Synchronous+")", "secure_delete(1)",
		"temp_store(MEMORY)", "wal_autocheckpoint(8192)"))
	if err != nil {
		return fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	conn, err := db.Conn(ctx)
	if err == nil {
		err = migrate(ctx, conn)
	}
	if err == nil {
		s.w, err = newWriter(ctx, conn)
	}
	if err != nil {
		if conn != nil {
			_ = conn.Close()
		}
		_ = db.Close()
		return mapErr(fmt.Errorf("sqlite: open %s: %w", path, err))
	}
	s.wdb = db
	return nil
}

func (s *Store) openReaders(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, s.opts, "query_only(1)"))
	if err != nil {
		return fmt.Errorf("sqlite: open readers %s: %w", path, err)
	}
	db.SetMaxOpenConns(s.opts.Readers)
	db.SetMaxIdleConns(s.opts.Readers)
	db.SetConnMaxIdleTime(0)
	if err := s.reads.prepare(ctx, db); err != nil {
		_ = db.Close()
		return mapErr(fmt.Errorf("sqlite: open readers %s: %w", path, err))
	}
	s.rdb = db
	return nil
}

// Changed returns a channel closed at the next commit that writes records
// (or at Close).
func (s *Store) Changed() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.changed
}

// notify wakes everyone waiting on Changed.
func (s *Store) notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	close(s.changed)
	s.changed = make(chan struct{})
}

// Close stops the writer (pending appends fail with ErrClosed), closes the
// database and wakes followers. Later calls return ErrClosed.
func (s *Store) Close() error {
	err := eventstore.ErrClosed
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		close(s.closing)
		<-s.stopped
		s.mu.Lock()
		close(s.changed)
		s.mu.Unlock()
		err = errors.Join(s.reads.close(), s.rdb.Close(), s.w.close(), s.wdb.Close())
	})
	return err
}

// check returns ctx's error or ErrClosed before an operation starts.
func (s *Store) check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if s.closed.Load() {
		return eventstore.ErrClosed
	}
	return nil
}
