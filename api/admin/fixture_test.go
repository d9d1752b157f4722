package admin_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/app"
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

var caller = app.Caller{RequestID: "R0000000000000000000000000000001", IP: "203.0.113.9", UserAgent: "fixture/1.0"}

// fixture is the admin use cases on the memory adapters with a followed
// session index and the real projection runner.
type fixture struct {
	t        *testing.T
	app      *app.App
	store    *memory.Store
	sessions *sessions.Service
	svc      *admin.Service
}

func newFixture(t *testing.T) *fixture {
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
	idx := sessionindex.New()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = idx.Follow(ctx, store, codec) }()
	go func() { defer wg.Done(); _ = runner.Run(ctx) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner, Index: idx,
		Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 2),
		Secret: []byte(testSecret), WaitTimeout: 300 * time.Millisecond, Clock: func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	s := sessions.New(a, sessions.Config{})
	return &fixture{t: t, app: a, store: store, sessions: s, svc: admin.New(a, s)}
}

// signUp appends a sign-up and n sessions; it returns the person's id.
func (f *fixture) signUp(email string, n int) string {
	f.t.Helper()
	ids, err := f.app.NewIDs(1)
	if err != nil {
		f.t.Fatal(err)
	}
	pid, now := ids[0], f.app.Now()
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
	if _, err := f.app.Commit(context.Background(), caller.Meta(pid, now), pid, changes...); err != nil {
		f.t.Fatal(err)
	}
	return pid
}

// typesSince lists the types of the records after pos.
func (f *fixture) typesSince(pos eventstore.Position) []string {
	f.t.Helper()
	recs, err := f.store.ReadAll(context.Background(), pos, 10_000)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, r := range recs {
		out = append(out, r.Type)
	}
	return out
}

func (f *fixture) head() eventstore.Position {
	f.t.Helper()
	h, err := f.store.Head(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	return h
}
