package webhooks_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/webhooks"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// caller is the request every fixture command comes from.
var caller = app.Caller{RequestID: "R1", IP: "203.0.113.9", UserAgent: "fixture/1.0"}

// fixture is the webhook use cases on the memory adapters, with a
// read store for the deliveries' checkpoints.
type fixture struct {
	*apptest.Env
	t    *testing.T
	read ontology.Store
	svc  *webhooks.Service
}

func newFixture(t *testing.T, check func(context.Context, string) error) *fixture {
	t.Helper()
	env := apptest.New(t)
	read := ontmemory.New()
	return &fixture{Env: env, t: t, read: read, svc: webhooks.New(env.App, webhooks.Config{Read: read, CheckURL: check})}
}

// signUp appends a person's sign-up (email and name sealed with the
// person's key) and returns the person's id.
func (f *fixture) signUp(email, name string) string {
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
	_, err = f.App.Commit(context.Background(), caller.Meta(pid, now), pid, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs})
	if err != nil {
		f.t.Fatal(err)
	}
	return pid
}

// create makes an endpoint for the person. prefix.
func (f *fixture) create(pii bool) webhooks.Created {
	f.t.Helper()
	out, err := f.svc.Create(context.Background(), webhooks.CreateInput{Caller: caller, Actor: "admin",
		URL: "https://hooks.example.com/in", Events: []string{"person."}, IncludePII: pii})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// sent is one message the recording sender got.
type sent struct {
	Target webhooks.Target
	ID     string
	Body   string
}

// recorder is a Sender that fails a scripted number of times, then
// records and acknowledges; every call is reported on calls.
type recorder struct {
	mu    sync.Mutex
	fails int // failures still to come (-1: always)
	got   []sent
	calls chan sent
}

func newRecorder(fails int) *recorder { return &recorder{fails: fails, calls: make(chan sent, 1000)} }

// Send implements webhooks.Sender.
func (r *recorder) Send(_ context.Context, t webhooks.Target, id string, body []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	m := sent{Target: t, ID: id, Body: string(body)}
	r.calls <- m
	if r.fails != 0 {
		if r.fails > 0 {
			r.fails--
		}
		return 500, errors.New("webhook: the endpoint answered 500")
	}
	r.got = append(r.got, m)
	return 204, nil
}

// delivered returns the acknowledged messages.
func (r *recorder) delivered() []sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sent(nil), r.got...)
}

// sleeper records the waits asked for, advancing the test clock by each
// (no real waiting).
type sleeper struct {
	mu     sync.Mutex
	delays []time.Duration
	clock  *apptest.Clock
}

// Sleep implements Deliverer.Sleep.
func (s *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	s.clock.Advance(d)
	return ctx.Err()
}

// waitFor polls cond (the deliverer runs in its own goroutine); it fails
// after a generous bound and asserts no timing.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 1000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s: never", what)
}
