package reactions_test

import (
	"context"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/api/outbox"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

const base = "http://127.0.0.1:8080"

// rig is the identity and organization use cases on the memory adapters,
// with a reaction's subscriber on memory checkpoints.
type rig struct {
	t    *testing.T
	env  *apptest.Env
	sess *sessions.Service
	ids  *identity.Service
	orgs *orgs.Service
	cps  *outbox.Memory
}

func newRig(t *testing.T) *rig {
	env := apptest.New(t)
	sess := sessions.New(env.App, sessions.Config{})
	ids, err := identity.New(env.App, sess, nil, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return &rig{t: t, env: env, sess: sess, ids: ids, orgs: orgs.New(env.App, sess, orgs.Config{}), cps: &outbox.Memory{}}
}

// signUp signs addr up from caller and returns the person id.
func (r *rig) signUp(addr string, caller app.Caller) identity.SignedIn {
	r.t.Helper()
	res, err := r.ids.SignUp(context.Background(), identity.SignUpInput{Caller: caller, Name: "Name " + addr, Email: addr,
		Password: "correct horse 1"})
	if err != nil {
		r.t.Fatal(err)
	}
	return res
}

// signIn signs addr in from caller.
func (r *rig) signIn(addr string, caller app.Caller) {
	r.t.Helper()
	if _, err := r.ids.SignIn(context.Background(), identity.SignInInput{Caller: caller, Email: addr,
		Password: "correct horse 1"}); err != nil {
		r.t.Fatal(err)
	}
}

// createOrg has a new owner create the organization slug.
func (r *rig) createOrg(slug string) {
	r.t.Helper()
	owner := r.signUp("owner-"+slug+"@example.com", app.Caller{})
	a, found, _ := r.sess.Lookup(owner.Token)
	if !found {
		r.t.Fatal("owner session not found")
	}
	if _, err := r.orgs.Create(context.Background(), orgs.CreateInput{Authed: a, Name: slug, Slug: slug}); err != nil {
		r.t.Fatal(err)
	}
}

// verify appends person.email_verified, as following the link does.
func (r *rig) verify(personID, addr string) {
	r.t.Helper()
	now := r.env.App.Now()
	if _, err := r.env.App.Commit(context.Background(), app.Caller{}.Meta(personID, now), personID, eventstore.Change{
		Stream: domain.PersonStream(personID), Expected: eventstore.Any,
		Events: []domain.Event{person.EmailVerified{PersonID: personID, Email: addr, Via: "link", At: now}}}); err != nil {
		r.t.Fatal(err)
	}
}

// drain runs sub until its checkpoint reaches the log's head, then stops
// it (a restart is another drain).
func (r *rig) drain(sub *outbox.Subscriber) {
	r.t.Helper()
	sub.Sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	head := r.env.Head(r.t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = sub.Run(ctx) }()
	defer func() { cancel(); <-done }()
	for range 1000 {
		// the reaction's own appends may move the checkpoint past head
		if cp, _ := r.cps.Checkpoint(context.Background(), sub.Name); cp != "" {
			if pos, err := eventstore.ParsePosition(cp); err == nil && !pos.Less(head) {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	r.t.Fatalf("%s never reached the head %s", sub.Name, head)
}

// records returns the records of type typ.
func (r *rig) records(typ string) []eventstore.Record {
	var out []eventstore.Record
	for _, rec := range r.env.Records(r.t) {
		if rec.Type == typ {
			out = append(out, rec)
		}
	}
	return out
}
