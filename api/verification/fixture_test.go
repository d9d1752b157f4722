package verification_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

var caller = app.Caller{RequestID: "req-1", IP: "192.0.2.1", UserAgent: "test"}

// fixture is the verification use cases on the memory adapters, mail
// kept by a Recorder.
type fixture struct {
	*apptest.Env
	t    testing.TB
	rec  *mailertest.Recorder
	sess *sessions.Service
	svc  *verification.Service
}

func newFixture(t testing.TB, cfg verification.Config) *fixture {
	env := apptest.New(t)
	rec := &mailertest.Recorder{}
	if cfg.Mailer == nil {
		cfg.Mailer = rec
	}
	cfg.BaseURL = "http://127.0.0.1:8080"
	sess := sessions.New(env.App, sessions.Config{})
	f := &fixture{Env: env, t: t, rec: rec, sess: sess, svc: verification.New(env.App, sess, cfg)}
	rec.Bind(env.App, mailer.Config{BaseURL: cfg.BaseURL, VerifySubject: cfg.Subject})
	t.Cleanup(f.svc.Wait)
	return f
}

// signUp records a person with a session, as sign-up does.
func (f *fixture) signUp(addr string) (string, sessions.Authed) {
	f.t.Helper()
	ctx, now := context.Background(), f.App.Now()
	ids, _ := f.App.NewIDs(1)
	personID, stream := ids[0], domain.PersonStream(ids[0])
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr, Name: "Alice", At: now})
	f.must(err)
	f.must(f.App.Keys.Ensure(ctx, personID))
	o, err := f.sess.Open(caller, personID, true, now)
	f.must(err)
	_, err = f.App.Commit(ctx, caller.Meta(personID, now), personID,
		eventstore.Change{Stream: stream, Expected: eventstore.NoStream, Events: evs,
			Claims: []eventstore.Claim{f.App.Claim("email", addr, stream)}}, o.Change)
	f.must(err)
	a, _, _ := f.sess.Lookup(o.Token)
	return personID, a
}

var linkRE = regexp.MustCompile(`(https?://[^/\s]+)/api/auth/verify-email\?token=([A-Za-z0-9_-]+)&callbackURL=(\S*)`)

// lastToken waits for the background work and returns the token of the
// last mail, checking it went to addr.
func (f *fixture) lastToken(addr string) string {
	f.t.Helper()
	f.svc.Wait()
	msgs := f.rec.Messages()
	if len(msgs) == 0 {
		f.t.Fatal("no verification mail")
	}
	m := msgs[len(msgs)-1]
	if m.To != addr {
		f.t.Fatalf("mail to %q, want %q", m.To, addr)
	}
	got := linkRE.FindStringSubmatch(m.Text)
	if got == nil {
		f.t.Fatalf("no verification link in %q", m.Text)
	}
	return got[2]
}

// request asks for a link without a session and returns its token.
func (f *fixture) request(addr string) string {
	f.t.Helper()
	f.must(f.svc.Send(context.Background(), verification.SendInput{Caller: caller, Email: addr, CallbackURL: "/done"}))
	return f.lastToken(addr)
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}
