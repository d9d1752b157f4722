package identity_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

const (
	testSecret = "test-secret-test-secret-test-secret-0123456789"
	goodPW     = "correct horse 1"
)

// cheapParams keeps Argon2id fast in tests.
var cheapParams = password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is the identity use cases on the memory adapters, with the session
// index following the log (as a server's does).
type env struct {
	t     testing.TB
	ctx   context.Context
	app   *app.App
	store eventstore.Store
	sess  *sessions.Service
	svc   *identity.Service
	clock *clock
}

func newEnv(t testing.TB, second identity.SecondFactor, cfg identity.Config) *env {
	t.Helper()
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: ontmemory.New(), Index: sessionindex.New(),
		Hasher: password.NewHasher(cheapParams, 4), Secret: []byte(testSecret), Clock: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = a.Index.Follow(ctx, store, codec) }()
	t.Cleanup(func() { cancel(); <-done })
	sess := sessions.New(a, sessions.Config{})
	svc, err := identity.New(a, sess, second, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: context.Background(), app: a, store: store, sess: sess, svc: svc, clock: clk}
}

// types lists the types of every stored event after pos, in order.
func (e *env) types(after eventstore.Position) []string {
	e.t.Helper()
	recs, err := e.store.ReadAll(e.ctx, after, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	out := []string{}
	for _, r := range recs {
		out = append(out, r.Type)
	}
	return out
}

// head is the store's head position.
func (e *env) head() eventstore.Position {
	e.t.Helper()
	p, err := e.store.Head(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// signUp creates a person and returns their first session.
func (e *env) signUp(addr string) sessions.Authed {
	e.t.Helper()
	res, err := e.svc.SignUp(e.ctx, identity.SignUpInput{Name: "Ann Example", Email: addr, Password: goodPW, RememberMe: true})
	if err != nil {
		e.t.Fatalf("sign-up %s: %v", addr, err)
	}
	return e.authed(res.Token)
}

// authed resolves a token that must be live.
func (e *env) authed(token string) sessions.Authed {
	e.t.Helper()
	a, found, expired := e.sess.Lookup(token)
	if !found || expired {
		e.t.Fatalf("token not live (found %v, expired %v)", found, expired)
	}
	return a
}

// codeOf is the error's code, "" for none.
func codeOf(err error) domain.Code {
	if err == nil {
		return ""
	}
	return domain.CodeOf(err)
}
