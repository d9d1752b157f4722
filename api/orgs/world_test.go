package orgs_test

import (
	"context"
	"sync"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/projections"
)

const secret = "test-secret-test-secret-test-secret-0123456789"

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// world is the organization use cases on the real memory adapters, with
// the projection runner and the session index following the log, as a
// server runs them (no HTTP).
type world struct {
	app      *app.App
	store    *memory.Store
	codec    *eventstore.Codec
	sessions *sessions.Service
	orgs     *orgs.Service
	clock    *clock
	close    func()
}

// newWorld builds a world; it panics on a wiring error (examples have no
// testing.T). Call close when done.
func newWorld(cfg orgs.Config) *world {
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(secret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	read := ontmemory.New()
	runner, err := projections.NewRunner(store, codec, read, projections.All(), projections.Options{})
	must(err)
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner,
		Index: sessionindex.New(), Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1,
			SaltLen: 16, KeyLen: 32}, 2), Secret: []byte(secret), Clock: clk.Now})
	must(err)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = a.Index.Follow(ctx, store, codec) }()
	go func() { defer wg.Done(); _ = runner.Run(ctx) }()
	users := sessions.New(a, sessions.Config{})
	return &world{app: a, store: store, codec: codec, sessions: users, orgs: orgs.New(a, users, cfg), clock: clk,
		close: func() { cancel(); wg.Wait() }}
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// signUp appends a person (with the email claim) and a session, and
// returns the session token.
func (w *world) signUp(addr string, verified bool) string {
	ctx := context.Background()
	ids, err := w.app.NewIDs(1)
	must(err)
	pid, now := ids[0], w.app.Now()
	evs := []domain.Event{person.SignedUp{PersonID: pid, Email: addr, Name: "Name of " + addr, EmailVerified: verified,
		Role: "user", At: now}}
	must(w.app.Keys.Ensure(ctx, pid))
	opened, err := w.sessions.Open(app.Caller{}, pid, true, now)
	must(err)
	stream := domain.PersonStream(pid)
	_, err = w.app.Commit(ctx, app.Caller{}.Meta(pid, now), pid,
		eventstore.Change{Stream: stream, Expected: eventstore.NoStream, Events: evs,
			Claims: []eventstore.Claim{w.app.Claim("email", addr, stream)}},
		opened.Change)
	must(err)
	return opened.Token
}

// authed resolves a token as a request would (the session as the index
// knows it now).
func (w *world) authed(token string) sessions.Authed {
	a, found, _ := w.sessions.Lookup(token)
	if !found {
		panic("unknown session")
	}
	return a
}

// records counts every record in the log.
func (w *world) records() int {
	recs, err := w.store.ReadAll(context.Background(), eventstore.Position{}, 100_000)
	must(err)
	return len(recs)
}

// types lists the types of the records after the first n.
func (w *world) typesAfter(n int) []string {
	recs, err := w.store.ReadAll(context.Background(), eventstore.Position{}, 100_000)
	must(err)
	var out []string
	for _, r := range recs[n:] {
		out = append(out, r.Type)
	}
	return out
}
