package orgs_test

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// world is the organization use cases on the real memory adapters, with
// the projection runner and the session index following the log, as a
// server runs them (no HTTP).
type world struct {
	*apptest.Env
	sessions *sessions.Service
	orgs     *orgs.Service
}

// newWorld builds a world; it panics on a wiring error (examples have no
// testing.T). Call Close when done.
func newWorld(cfg orgs.Config) *world {
	env := apptest.Start()
	users := sessions.New(env.App, sessions.Config{})
	return &world{Env: env, sessions: users, orgs: orgs.New(env.App, users, cfg)}
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
	ids, err := w.App.NewIDs(1)
	must(err)
	pid, now := ids[0], w.App.Now()
	evs := []domain.Event{person.SignedUp{PersonID: pid, Email: addr, Name: "Name of " + addr, EmailVerified: verified,
		Role: "user", At: now}}
	must(w.App.Keys.Ensure(ctx, pid))
	opened, err := w.sessions.Open(app.Caller{}, pid, true, now)
	must(err)
	stream := domain.PersonStream(pid)
	_, err = w.App.Commit(ctx, app.Caller{}.Meta(pid, now), pid,
		eventstore.Change{Stream: stream, Expected: eventstore.NoStream, Events: evs,
			Claims: []eventstore.Claim{w.App.Claim("email", addr, stream)}},
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
