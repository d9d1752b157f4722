// Package postgres is the production eventstore.Store on PostgreSQL 13+
// (pgx/v5). All appends of one call run in one transaction; per-stream
// versions are checked on a locked row of the streams table and enforced by
// a unique (stream, version) key; claims are taken and released in the same
// transaction. Concurrent small appends share one transaction and one
// commit (group commit; see Store.Append). The global position is
// (writing transaction id, identity): readers see a row only once no
// transaction that could still write a smaller position is open (see
// horizon.go), so ReadAll never skips.
// Wake-ups arrive from local commits directly, from other stores through
// LISTEN/NOTIFY on one dedicated connection, and from a short ticker while
// committed records wait behind an open transaction (see wake.go).
//
// Every connection carries the store's application_name and its
// statement, lock and idle-in-transaction timeouts as session settings.
// Connect directly or through a session-mode pooler: LISTEN and the
// visibility horizon need session semantics. Only this package may write
// the events table.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/authledger/authledger/eventstore"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Options tune the store; the zero value is the production default.
// Durations: zero means the default, negative means "no limit".
type Options struct {
	// MaxConns caps the connection pool (default 16); MinConns keeps that
	// many open (default 0).
	MaxConns, MinConns int32
	// StatementTimeout bounds every statement (default 30s).
	StatementTimeout time.Duration
	// IdleInTxTimeout ends a session that sits idle inside a transaction
	// (default 60s), so a stuck client cannot hold the visibility horizon
	// back for long.
	IdleInTxTimeout time.Duration
	// LockTimeout bounds waits for row locks, e.g. a stream locked by a slow
	// writer (default 10s). A timeout is reported as ErrUnavailable.
	LockTimeout time.Duration
	// SkipMigrate leaves the schema alone (run Migrate separately).
	SkipMigrate bool
	// Schema holds the tables (default DefaultSchema). A plain lower-case
	// identifier; tests use a fresh one each.
	Schema string
	// Writers is the number of group-commit writers (default 1): each
	// commits every Append call queued when it starts a transaction, in
	// that one transaction (see Store.Append). More writers overlap one
	// group's WAL flush with the next group's statements but make smaller
	// groups; on 2 cores one writer used the least CPU per event.
	Writers int
	// GroupWait bounds how long a writer waits for more Append calls when
	// fewer are queued than its previous group committed (see groupWait).
	// 0 (the default): a quarter of that group's commit time, at most 1ms;
	// negative: never wait. Open refuses a bound above 100ms.
	GroupWait time.Duration
	// WakeInterval is how often followers are woken while committed records
	// wait behind an open transaction (default 100ms). Every tenth tick
	// wakes them regardless, a safety net for a lost notification.
	WakeInterval time.Duration
}

func (o Options) withDefaults() (Options, error) {
	schema, err := checkSchema(o.Schema)
	if err != nil {
		return o, err
	}
	o.Schema = schema
	if o.MaxConns <= 0 {
		o.MaxConns = 16
	}
	if o.Writers <= 0 {
		o.Writers = defaultWriters
	}
	if o.GroupWait > maxGroupWaitOption {
		return o, fmt.Errorf("postgres: GroupWait %v is above %v", o.GroupWait, maxGroupWaitOption)
	}
	if o.MinConns < 0 || o.MinConns > o.MaxConns {
		return o, fmt.Errorf("postgres: MinConns %d must be between 0 and MaxConns %d", o.MinConns, o.MaxConns)
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{{&o.StatementTimeout, 30 * time.Second}, {&o.IdleInTxTimeout, time.Minute},
		{&o.LockTimeout, 10 * time.Second}, {&o.WakeInterval, 100 * time.Millisecond}} {
		if *d.v == 0 {
			*d.v = d.def
		}
	}
	if o.WakeInterval < 0 {
		return o, errors.New("postgres: WakeInterval must not be negative")
	}
	return o, nil
}

// millis renders a timeout as a PostgreSQL setting; negative is 0 (none).
func millis(d time.Duration) string {
	if d < 0 {
		return "0"
	}
	return strconv.FormatInt(max(d.Milliseconds(), 1), 10)
}

// Features returns what this adapter declares: atomic across requests and
// durable.
func Features() eventstore.Features {
	return eventstore.Features{AtomicMulti: true, Durable: true}
}

// Store is the PostgreSQL event store. Create it with Open; it is safe for
// concurrent use.
type Store struct {
	opts     Options
	pool     *pgxpool.Pool
	q        queries
	appName  string // application_name of every connection; see horizon.go
	trustApp bool   // pg_stat_activity reports our application_name
	wake     waker
	reads    readShare     // concurrent ReadAll calls share page reads
	notifyCh chan struct{} // capacity 1: pending NOTIFY requests coalesce

	queue   chan *job     // Append calls waiting for a writer
	closing chan struct{} // closed by Close: writers drain the queue and stop
	stopped chan struct{} // closed by Close once every writer has stopped
	writers sync.WaitGroup

	stop      context.CancelFunc // ends the listener and ticker
	bg        sync.WaitGroup
	closed    atomic.Bool
	closeOnce sync.Once
}

var _ eventstore.Store = (*Store)(nil)

// Open connects to the database at url (a postgres:// URL or key=value
// string), applies the migrations unless opts.SkipMigrate, and starts the
// listener. The url's application_name is replaced by the store's own.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("postgres: parse connection string: %w", err)
	}
	s := &Store{opts: opts, q: newQueries(opts.Schema), appName: appName(opts.Schema), wake: newWaker(),
		notifyCh: make(chan struct{}, 1), queue: make(chan *job, 4*maxGroup), closing: make(chan struct{}),
		stopped: make(chan struct{})}
	cfg.MaxConns, cfg.MinConns = opts.MaxConns, opts.MinConns
	params := cfg.ConnConfig.RuntimeParams
	params["application_name"] = s.appName
	params["statement_timeout"] = millis(opts.StatementTimeout)
	params["idle_in_transaction_session_timeout"] = millis(opts.IdleInTxTimeout)
	params["lock_timeout"] = millis(opts.LockTimeout)
	if s.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
		return nil, mapErr(fmt.Errorf("postgres: open: %w", err))
	}
	if err := s.prepare(ctx); err != nil {
		s.pool.Close()
		return nil, err
	}
	bgCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop = stop
	listenCfg := cfg.ConnConfig.Copy()
	s.bg.Add(3)
	go s.listen(bgCtx, listenCfg)
	go s.tick(bgCtx)
	go s.notify(bgCtx)
	s.writers.Add(opts.Writers)
	for range opts.Writers {
		go s.writeLoop()
	}
	return s, nil
}

// prepare migrates (unless skipped) and checks that the server reports this
// store's application_name, which the visibility horizon relies on.
func (s *Store) prepare(ctx context.Context) error {
	if !s.opts.SkipMigrate {
		if err := Migrate(ctx, s.pool, s.opts.Schema); err != nil {
			return err
		}
	}
	err := s.pool.QueryRow(ctx, `SELECT coalesce(application_name = $1, false)
		FROM pg_stat_activity WHERE pid = pg_backend_pid()`, s.appName).Scan(&s.trustApp)
	if err != nil {
		return mapErr(fmt.Errorf("postgres: open: %w", err))
	}
	return nil
}

// Close stops the writers, the listener, wakes followers and closes the
// pool; calls in flight finish first, queued appends get ErrClosed. Later
// calls return ErrClosed.
func (s *Store) Close() error {
	err := eventstore.ErrClosed
	s.closeOnce.Do(func() {
		s.closed.Store(true)
		close(s.closing)
		s.writers.Wait()
		close(s.stopped)
		s.stop()
		s.bg.Wait()
		s.wake.close()
		s.pool.Close()
		err = nil
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

// fail turns an error from the database into the one callers see: the
// context's error first, then ErrClosed, then mapErr.
func (s *Store) fail(ctx context.Context, op string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if s.closed.Load() {
		return eventstore.ErrClosed
	}
	return mapErr(fmt.Errorf("postgres: %s: %w", op, err))
}
