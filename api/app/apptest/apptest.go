// Package apptest builds a complete application kernel on the in-memory
// stores for the tests of the use-case packages: a followed session index,
// the projections running into an in-memory read store, a settable clock,
// and a cheap Argon2id hasher. Options leave out the projections or the
// index where a test runs the use cases as a process without them would.
// Tests only: it wires adapters, which only cmd/ does in the product.
package apptest

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	"github.com/authledger/authledger/ontology"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/projections"
)

// Secret is the test deployment's secret.
const Secret = "apptest secret 0123456789abcdefghijklmnopqrstuvwxyz"

// cheapParams keeps Argon2id fast in tests.
var cheapParams = password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Clock is a settable test clock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// Env is a running kernel and what a test inspects.
type Env struct {
	App   *app.App
	Store eventstore.Store
	Read  ontology.Reader
	Clock *Clock
	stop  func()
	once  sync.Once
}

// Option changes the kernel an Env runs.
type Option func(*options)

type options struct {
	store                  eventstore.Store
	noProjections, noIndex bool
	waitTimeout            time.Duration
	logger                 *slog.Logger
}

// WithStore runs the Env on store instead of a fresh memory store (for
// Start; New and NewOn take the store as an argument).
func WithStore(store eventstore.Store) Option { return func(o *options) { o.store = store } }

// WithoutProjections runs no projections: the read store stays empty and
// commands do not wait for it, as for use cases that read only the log
// and the session index.
func WithoutProjections() Option { return func(o *options) { o.noProjections = true } }

// WithoutIndex runs no session index, as a one-shot process (the CLI)
// does: sessions are found in the log.
func WithoutIndex() Option { return func(o *options) { o.noIndex = true } }

// WithWaitTimeout bounds the read-your-writes wait after an append
// (app.Deps.WaitTimeout), so a test of a wait that never ends is quick.
func WithWaitTimeout(d time.Duration) Option { return func(o *options) { o.waitTimeout = d } }

// WithLogger sends the kernel's log to l (discarded by default).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// New builds and starts an Env on a fresh memory store; everything stops
// when the test ends.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	return NewOn(t, memory.New(), opts...)
}

// NewOn is New on a given store (a real SQLite file, for instance).
func NewOn(t testing.TB, store eventstore.Store, opts ...Option) *Env {
	t.Helper()
	e, err := start(store, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	return e
}

// Start is New for an Example, which has no test to fail or to stop it:
// it panics on a wiring error, and the caller calls Close.
func Start(opts ...Option) *Env {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	store := o.store
	if store == nil {
		store = memory.New()
	}
	e, err := start(store, opts)
	if err != nil {
		panic(err)
	}
	return e
}

// Close stops the index follower and the projections and closes the
// store; it may be called more than once.
func (e *Env) Close() { e.once.Do(e.stop) }

func start(store eventstore.Store, opts []Option) (*Env, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(Secret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	read := ontmemory.New()
	clk := &Clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	deps := app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Secret: []byte(Secret), Clock: clk.Now,
		Hasher: password.NewHasher(cheapParams, 4), WaitTimeout: o.waitTimeout, Logger: o.logger}
	var runner *projections.Runner
	if !o.noProjections {
		var err error
		if runner, err = projections.NewRunner(store, codec, read, projections.All(), projections.Options{}); err != nil {
			return nil, err
		}
		deps.Projections = runner
	}
	if !o.noIndex {
		deps.Index = sessionindex.New()
	}
	a, err := app.New(deps)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	run := func(f func(context.Context) error) {
		wg.Add(1)
		go func() { defer wg.Done(); _ = f(ctx) }()
	}
	if a.Index != nil {
		run(func(ctx context.Context) error { return a.Index.Follow(ctx, store, codec) })
	}
	if runner != nil {
		run(runner.Run)
	}
	return &Env{App: a, Store: store, Read: read, Clock: clk,
		stop: func() { cancel(); wg.Wait(); _ = store.Close() }}, nil
}

// Head is the position of the last record in the log.
func (e *Env) Head(t testing.TB) eventstore.Position {
	t.Helper()
	h, err := e.Store.Head(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// Records returns every record in the log, in order.
func (e *Env) Records(t testing.TB) []eventstore.Record {
	t.Helper()
	return e.recordsSince(t, eventstore.Position{})
}

// Types returns the type of every record in the log, in order.
func (e *Env) Types(t testing.TB) []string {
	t.Helper()
	return e.TypesSince(t, eventstore.Position{})
}

// TypesSince returns the types of the records after pos, in order (nil
// when there are none).
func (e *Env) TypesSince(t testing.TB, pos eventstore.Position) []string {
	t.Helper()
	var out []string
	for _, r := range e.recordsSince(t, pos) {
		out = append(out, r.Type)
	}
	return out
}

// CountsSince returns how many records of each type follow pos (nil when
// there are none): what a command appended, when order does not matter.
func (e *Env) CountsSince(t testing.TB, pos eventstore.Position) map[string]int {
	t.Helper()
	var out map[string]int
	for _, typ := range e.TypesSince(t, pos) {
		if out == nil {
			out = map[string]int{}
		}
		out[typ]++
	}
	return out
}

// recordsSince reads the log after pos page by page (a durable store
// bounds a read).
func (e *Env) recordsSince(t testing.TB, pos eventstore.Position) []eventstore.Record {
	t.Helper()
	var out []eventstore.Record
	for {
		recs, err := e.Store.ReadAll(context.Background(), pos, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) == 0 {
			return out
		}
		out = append(out, recs...)
		pos = recs[len(recs)-1].Position
	}
}
