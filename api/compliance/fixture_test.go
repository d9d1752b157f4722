package compliance_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	"github.com/authledger/authledger/projections"
)

const testSecret = "test-secret-test-secret-test-secret-0123456789"

// caller is the request every fixture command comes from.
var caller = app.Caller{RequestID: "R0000000000000000000000000000001", IP: "203.0.113.9", UserAgent: "fixture/1.0"}

// admin is the reader of the fixture's audit reads.
var admin = compliance.Reader{Caller: caller, Actor: "admin", Route: "/v1/audit/events"}

// fixture is the compliance use cases on the memory adapters, with the
// real projection runner and, when asked, a followed session index.
type fixture struct {
	t        *testing.T
	app      *app.App
	store    *memory.Store
	read     *ontmemory.Store
	sessions *sessions.Service
	svc      *compliance.Service
}

func newFixture(t *testing.T, deps compliance.Deps, withIndex bool) *fixture {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	read := ontmemory.New()
	runner, err := projections.NewRunner(store, codec, read, projections.All(), projections.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var idx *sessionindex.Index
	if withIndex {
		idx = sessionindex.New()
		wg.Add(1)
		go func() { defer wg.Done(); _ = idx.Follow(ctx, store, codec) }()
	}
	wg.Add(1)
	go func() { defer wg.Done(); _ = runner.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	clock := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner, Index: idx,
		Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 2),
		Secret: []byte(testSecret), Clock: func() time.Time { return clock }})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t: t, app: a, store: store, read: read, sessions: sessions.New(a, sessions.Config{}),
		svc: compliance.New(a, deps)}
}

// signUp appends a person's sign-up with the email claim and opens one
// session; it returns the person's and the session's ids.
func (f *fixture) signUp(email, name string) (personID, sessionID string) {
	f.t.Helper()
	ids, err := f.app.NewIDs(1)
	if err != nil {
		f.t.Fatal(err)
	}
	pid, now := ids[0], f.app.Now()
	stream := domain.PersonStream(pid)
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: pid, Email: email, Name: name, Role: "user", At: now})
	if err != nil {
		f.t.Fatal(err)
	}
	o, err := f.sessions.Open(caller, pid, true, now)
	if err != nil {
		f.t.Fatal(err)
	}
	_, err = f.app.Commit(context.Background(), caller.Meta(pid, now), pid, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs, Claims: []eventstore.Claim{f.app.Claim("email", email, stream)}}, o.Change)
	if err != nil {
		f.t.Fatal(err)
	}
	return pid, o.ID
}

// records is every stored record.
func (f *fixture) records() []eventstore.Record {
	f.t.Helper()
	recs, err := f.store.ReadAll(context.Background(), eventstore.Position{}, 100_000)
	if err != nil {
		f.t.Fatal(err)
	}
	return recs
}

// head is the position of the last record.
func (f *fixture) head() eventstore.Position {
	f.t.Helper()
	h, err := f.store.Head(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return h
}

// typesSince lists the types of the records after pos.
func (f *fixture) typesSince(pos eventstore.Position) []string {
	var out []string
	for _, r := range f.records() {
		if pos.Less(r.Position) {
			out = append(out, r.Type)
		}
	}
	return out
}
