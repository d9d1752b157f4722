// Package apptest builds a complete application kernel on the in-memory
// stores for the tests of the use-case packages: a followed session index,
// the projections running into an in-memory read store, a settable clock,
// and a cheap Argon2id hasher. Tests only: it wires adapters, which only
// cmd/ does in the product.
package apptest

import (
	"context"
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
}

// New builds and starts an Env on a fresh memory store; everything stops
// when the test ends.
func New(t testing.TB) *Env {
	t.Helper()
	return NewOn(t, memory.New())
}

// NewOn is New on a given store (a real SQLite file, for instance).
func NewOn(t testing.TB, store eventstore.Store) *Env {
	t.Helper()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(Secret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	read := ontmemory.New()
	runner, err := projections.NewRunner(store, codec, read, projections.All(), projections.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clk := &Clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner,
		Index: sessionindex.New(), Secret: []byte(Secret), Clock: clk.Now,
		Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 4)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = a.Index.Follow(ctx, store, codec) }()
	go func() { defer wg.Done(); _ = runner.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait(); _ = store.Close() })
	return &Env{App: a, Store: store, Read: read, Clock: clk}
}

// Types returns the type of every record in the log, in order.
func (e *Env) Types(t testing.TB) []string {
	t.Helper()
	recs, err := e.Store.ReadAll(context.Background(), eventstore.Position{}, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Type
	}
	return out
}
