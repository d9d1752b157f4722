package compliance_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// caller is the request every fixture command comes from.
var caller = app.Caller{RequestID: "R0000000000000000000000000000001", IP: "203.0.113.9", UserAgent: "fixture/1.0"}

// admin is the reader of the fixture's audit reads.
var admin = compliance.Reader{Caller: caller, Actor: "admin", Route: "/v1/audit/events"}

// fixture is the compliance use cases on the memory adapters, with the
// real projection runner and, when asked, a followed session index.
type fixture struct {
	*apptest.Env
	t        *testing.T
	sessions *sessions.Service
	svc      *compliance.Service
}

func newFixture(t *testing.T, deps compliance.Deps, withIndex bool) *fixture {
	t.Helper()
	var opts []apptest.Option
	if !withIndex {
		opts = append(opts, apptest.WithoutIndex())
	}
	env := apptest.New(t, opts...)
	return &fixture{Env: env, t: t, sessions: sessions.New(env.App, sessions.Config{}), svc: compliance.New(env.App, deps)}
}

// signUp appends a person's sign-up with the email claim and opens one
// session; it returns the person's and the session's ids.
func (f *fixture) signUp(email, name string) (personID, sessionID string) {
	f.t.Helper()
	ids, err := f.App.NewIDs(1)
	if err != nil {
		f.t.Fatal(err)
	}
	pid, now := ids[0], f.App.Now()
	stream := domain.PersonStream(pid)
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: pid, Email: email, Name: name, Role: "user", At: now})
	if err != nil {
		f.t.Fatal(err)
	}
	o, err := f.sessions.Open(caller, pid, true, now)
	if err != nil {
		f.t.Fatal(err)
	}
	_, err = f.App.Commit(context.Background(), caller.Meta(pid, now), pid, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs, Claims: []eventstore.Claim{f.App.Claim("email", email, stream)}}, o.Change)
	if err != nil {
		f.t.Fatal(err)
	}
	return pid, o.ID
}
