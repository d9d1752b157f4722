package admin_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

var caller = app.Caller{RequestID: "R0000000000000000000000000000001", IP: "203.0.113.9", UserAgent: "fixture/1.0"}

// fixture is the admin use cases on the memory adapters with a followed
// session index and the real projection runner.
type fixture struct {
	*apptest.Env
	t        *testing.T
	sessions *sessions.Service
	svc      *admin.Service
}

// newFixture waits at most 300 ms for the projections, so the read of a
// position they never reach fails fast.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	env := apptest.New(t, apptest.WithWaitTimeout(300*time.Millisecond))
	s := sessions.New(env.App, sessions.Config{})
	return &fixture{Env: env, t: t, sessions: s, svc: admin.New(env.App, s)}
}

// signUp appends a sign-up and n sessions; it returns the person's id.
func (f *fixture) signUp(email string, n int) string {
	f.t.Helper()
	ids, err := f.App.NewIDs(1)
	if err != nil {
		f.t.Fatal(err)
	}
	pid, now := ids[0], f.App.Now()
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: pid, Email: email, Name: "N", Role: "user", At: now})
	if err != nil {
		f.t.Fatal(err)
	}
	changes := []eventstore.Change{{Stream: domain.PersonStream(pid), Expected: eventstore.NoStream, Events: evs}}
	for range n {
		o, err := f.sessions.Open(caller, pid, true, now)
		if err != nil {
			f.t.Fatal(err)
		}
		changes = append(changes, o.Change)
	}
	if _, err := f.App.Commit(context.Background(), caller.Meta(pid, now), pid, changes...); err != nil {
		f.t.Fatal(err)
	}
	return pid
}
