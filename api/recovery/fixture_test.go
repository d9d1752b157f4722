package recovery_test

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"sync"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

const secret = "test-secret-test-secret-test-secret-0123456789"

var caller = app.Caller{RequestID: "req-1", IP: "192.0.2.1", UserAgent: "test"}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// logBuffer is a log sink safe for the background workers.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// fixture is the reset use cases on the memory adapters, with the
// session index following the log as a server's does.
type fixture struct {
	app   *app.App
	store eventstore.Store
	clock *clock
	logs  *logBuffer
	sess  *sessions.Service
	svc   *recovery.Service
	stop  func()
}

func newFixture(cfg recovery.Config) *fixture {
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(secret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	clk, logs := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}, &logBuffer{}
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: ontmemory.New(), Index: sessionindex.New(),
		Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 2),
		Secret: []byte(secret), Clock: clk.Now, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	must(err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = a.Index.Follow(ctx, store, codec) }()
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://127.0.0.1:8080"
	}
	sess := sessions.New(a, sessions.Config{})
	svc := recovery.New(a, sess, cfg)
	return &fixture{app: a, store: store, clock: clk, logs: logs, sess: sess, svc: svc,
		stop: func() { svc.Wait(); cancel(); <-done }}
}

// signUp records a person with a credential account and a session, as
// sign-up does; it returns the person id and the session.
func (f *fixture) signUp(addr, pw string) (string, sessions.Authed) {
	ctx, now := context.Background(), f.app.Now()
	ids, _ := f.app.NewIDs(2)
	personID, accountID, stream := ids[0], ids[1], domain.PersonStream(ids[0])
	pEvs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr, Name: "Alice",
		CredentialAccountID: accountID, At: now})
	must(err)
	hash, err := f.app.Hasher.Hash(ctx, pw)
	must(err)
	aEvs, err := account.Decide(account.State{}, account.Create{AccountID: accountID, PersonID: personID,
		ProviderID: account.ProviderCredential, PasswordHash: hash, At: now})
	must(err)
	must(f.app.Keys.Ensure(ctx, personID))
	o, err := f.sess.Open(caller, personID, true, now)
	must(err)
	_, err = f.app.Commit(ctx, caller.Meta(personID, now), personID,
		eventstore.Change{Stream: stream, Expected: eventstore.NoStream, Events: pEvs,
			Claims: []eventstore.Claim{f.app.Claim("email", addr, stream)}},
		eventstore.Change{Stream: account.Stream(accountID), Expected: eventstore.NoStream, Events: aEvs}, o.Change)
	must(err)
	a, _, _ := f.sess.Lookup(o.Token)
	return personID, a
}

// passwordIs reports whether pw is the password of the person's
// credential account.
func (f *fixture) passwordIs(personID, pw string) bool {
	ctx := context.Background()
	p, _, err := app.Load(ctx, f.app, person.NewDecider(), domain.PersonStream(personID))
	must(err)
	acc, _, err := app.Load(ctx, f.app, account.NewDecider(), account.Stream(p.CredentialAccountID))
	must(err)
	ok, _, err := f.app.Hasher.Verify(ctx, pw, acc.PasswordHash)
	return err == nil && ok
}

var linkRE = regexp.MustCompile(`(https?://[^/\s]+)/api/auth/reset-password/([A-Za-z0-9_-]+)\?callbackURL=(\S*)`)

// requestToken asks for a reset of addr, waits for the background work
// and returns the token of the last message rec holds.
func (f *fixture) requestToken(rec *mail.Recorder, addr string) string {
	must(f.svc.RequestReset(context.Background(), recovery.RequestInput{Caller: caller, Email: addr, RedirectTo: "/reset"}))
	f.svc.Wait()
	msgs := rec.Messages()
	if len(msgs) == 0 {
		panic("no reset mail")
	}
	m := linkRE.FindStringSubmatch(msgs[len(msgs)-1].Text)
	if m == nil {
		panic("no reset link in " + msgs[len(msgs)-1].Text)
	}
	return m[2]
}

// count returns how many records of each type the log holds.
func (f *fixture) count() map[string]int {
	recs, err := f.store.ReadAll(context.Background(), eventstore.Position{}, 10000)
	must(err)
	out := map[string]int{}
	for _, r := range recs {
		out[r.Type]++
	}
	return out
}

// delta is what after holds beyond before (nil when nothing).
func delta(before, after map[string]int) map[string]int {
	var out map[string]int
	for k, n := range after {
		if n > before[k] {
			if out == nil {
				out = map[string]int{}
			}
			out[k] = n - before[k]
		}
	}
	return out
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
