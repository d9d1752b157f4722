package recovery_test

import (
	"bytes"
	"context"
	"log/slog"
	"regexp"
	"sync"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

var caller = app.Caller{RequestID: "req-1", IP: "192.0.2.1", UserAgent: "test"}

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
// session index following the log as a server's does, and the kernel's
// log kept.
type fixture struct {
	*apptest.Env
	logs *logBuffer
	sess *sessions.Service
	svc  *recovery.Service
}

// newFixture builds a fixture (opts add to the Env's, e.g. a store);
// it panics on a wiring error (examples have
// no testing.T). Call Close when done.
func newFixture(cfg recovery.Config, opts ...apptest.Option) *fixture {
	logs := &logBuffer{}
	opts = append([]apptest.Option{apptest.WithoutProjections(), apptest.WithLogger(slog.New(slog.NewTextHandler(logs, nil)))}, opts...)
	env := apptest.Start(opts...)
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://127.0.0.1:8080"
	}
	sess := sessions.New(env.App, sessions.Config{})
	svc := recovery.New(env.App, sess, cfg)
	if rec, ok := cfg.Mailer.(*mailertest.Recorder); ok {
		rec.Bind(env.App, mailer.Config{BaseURL: cfg.BaseURL, ResetSubject: cfg.Subject})
	}
	return &fixture{Env: env, logs: logs, sess: sess, svc: svc}
}

// Close waits for the background work, then stops the kernel.
func (f *fixture) Close() {
	f.svc.Wait()
	f.Env.Close()
}

// signUp records a person with a credential account and a session, as
// sign-up does; it returns the person id and the session.
func (f *fixture) signUp(addr, pw string) (string, sessions.Authed) {
	ctx, now := context.Background(), f.App.Now()
	ids, _ := f.App.NewIDs(2)
	personID, accountID, stream := ids[0], ids[1], domain.PersonStream(ids[0])
	pEvs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr, Name: "Alice",
		CredentialAccountID: accountID, At: now})
	must(err)
	hash, err := f.App.Hasher.Hash(ctx, pw)
	must(err)
	aEvs, err := account.Decide(account.State{}, account.Create{AccountID: accountID, PersonID: personID,
		ProviderID: account.ProviderCredential, PasswordHash: hash, At: now})
	must(err)
	must(f.App.Keys.Ensure(ctx, personID))
	o, err := f.sess.Open(caller, personID, true, now)
	must(err)
	_, err = f.App.Commit(ctx, caller.Meta(personID, now), personID,
		eventstore.Change{Stream: stream, Expected: eventstore.NoStream, Events: pEvs,
			Claims: []eventstore.Claim{f.App.Claim("email", addr, stream)}},
		eventstore.Change{Stream: account.Stream(accountID), Expected: eventstore.NoStream, Events: aEvs}, o.Change)
	must(err)
	a, _, _ := f.sess.Lookup(o.Token)
	return personID, a
}

// passwordIs reports whether pw is the password of the person's
// credential account.
func (f *fixture) passwordIs(personID, pw string) bool {
	ctx := context.Background()
	p, _, err := app.Load(ctx, f.App, person.NewDecider(), domain.PersonStream(personID))
	must(err)
	acc, _, err := app.Load(ctx, f.App, account.NewDecider(), account.Stream(p.CredentialAccountID))
	must(err)
	ok, _, err := f.App.Hasher.Verify(ctx, pw, acc.PasswordHash)
	return err == nil && ok
}

var linkRE = regexp.MustCompile(`(https?://[^/\s]+)/api/auth/reset-password/([A-Za-z0-9_-]+)\?callbackURL=(\S*)`)

// requestToken asks for a reset of addr, waits for the background work
// and returns the token of the last message rec holds.
func (f *fixture) requestToken(rec *mailertest.Recorder, addr string) string {
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

func must(err error) {
	if err != nil {
		panic(err)
	}
}
