package mfa_test

import (
	"context"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/totp"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

const (
	testSecret = "test-secret-test-secret-test-secret-0123456789"
	goodPW     = "correct horse 3"
)

var cheapParams = password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

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

// env is the two-factor use cases (with the identity core they sign in
// through) on the memory adapters, the session index following the log.
type env struct {
	t     testing.TB
	ctx   context.Context
	store eventstore.Store
	sess  *sessions.Service
	mfa   *mfa.Service
	ids   *identity.Service
	clock *clock
}

func newEnv(t testing.TB, cfg mfa.Config) *env {
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
	m := mfa.New(a, sess, identity.NewPasswords(a, password.DefaultPolicy()), cfg)
	ids, err := identity.New(a, sess, m, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, ctx: context.Background(), store: store, sess: sess, mfa: m, ids: ids, clock: clk}
}

func (e *env) head() eventstore.Position {
	e.t.Helper()
	p, err := e.store.Head(e.ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

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

func (e *env) authed(token string) sessions.Authed {
	e.t.Helper()
	a, found, expired := e.sess.Lookup(token)
	if !found || expired {
		e.t.Fatalf("token not live (found %v, expired %v)", found, expired)
	}
	return a
}

// signUp creates a person and returns their session.
func (e *env) signUp(addr string) sessions.Authed {
	e.t.Helper()
	res, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Alice A.", Email: addr, Password: goodPW, RememberMe: true})
	if err != nil {
		e.t.Fatal(err)
	}
	return e.authed(res.Token)
}

// pw is a password-protected action by a.
func pw(a sessions.Authed, password string) mfa.PasswordInput {
	return mfa.PasswordInput{Session: a, Password: password}
}

// enrolled signs a person up and turns TOTP on; it returns the session
// after enrolment, the secret and the backup codes.
func (e *env) enrolled(addr string) (sessions.Authed, string, []string) {
	e.t.Helper()
	a := e.signUp(addr)
	en, err := e.mfa.Enable(e.ctx, mfa.EnableInput{PasswordInput: pw(a, goodPW)})
	if err != nil {
		e.t.Fatal(err)
	}
	secret := secretOf(e.t, en.TOTPURI)
	v, err := e.mfa.Verify(e.ctx, mfa.VerifyInput{Method: "totp", Code: e.code(secret), Token: a.Token})
	if err != nil {
		e.t.Fatal(err)
	}
	e.clock.Advance(30 * time.Second) // the enrolment's time step is spent
	return e.authed(v.Token), secret, en.BackupCodes
}

// code is the TOTP code of secret now.
func (e *env) code(secret string) string {
	e.t.Helper()
	key, err := totp.DecodeSecret(secret)
	if err != nil {
		e.t.Fatal(err)
	}
	return totp.Code(key, totp.Step(e.clock.Now()))
}

func secretOf(t testing.TB, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "otpauth" {
		t.Fatalf("totpURI %q: %v", uri, err)
	}
	return u.Query().Get("secret")
}

func codeOf(err error) domain.Code {
	if err == nil {
		return ""
	}
	return domain.CodeOf(err)
}
