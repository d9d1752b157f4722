package passkeys_test

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
	vw "github.com/descope/virtualwebauthn"
)

const (
	secret   = "test-secret-test-secret-test-secret-0123456789"
	pkOrigin = "http://localhost:8080"
)

var (
	goodRP = vw.RelyingParty{Name: "authledger", ID: "localhost", Origin: pkOrigin}
	caller = app.Caller{RequestID: "req-1", IP: "192.0.2.1", UserAgent: "test"}
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// fixture is the passkey use cases on the memory adapters, with the
// session index following the log as a server's does.
type fixture struct {
	app   *app.App
	store eventstore.Store
	clock *clock
	sess  *sessions.Service
	svc   *passkeys.Service
	stop  func()
}

func newFixture(cfg passkeys.Config) *fixture {
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(secret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: ontmemory.New(), Index: sessionindex.New(),
		Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 2),
		Secret: []byte(secret), Clock: clk.Now})
	if err != nil {
		panic(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = a.Index.Follow(ctx, store, codec) }()
	sess := sessions.New(a, sessions.Config{})
	return &fixture{app: a, store: store, clock: clk, sess: sess, svc: passkeys.New(a, sess, cfg),
		stop: func() { cancel(); <-done }}
}

// localRP is the relying party the virtual authenticator signs for.
var localRP = passkeys.Config{RPID: "localhost", Origins: []string{pkOrigin}}

// signUp records a person with a session, as sign-up does, and returns
// the session.
func (f *fixture) signUp(addr string) sessions.Authed {
	ctx, now := context.Background(), f.app.Now()
	ids, _ := f.app.NewIDs(2)
	personID, stream := ids[0], domain.PersonStream(ids[0])
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr, Name: "Alice A.",
		CredentialAccountID: ids[1], At: now})
	must(err)
	must(f.app.Keys.Ensure(ctx, personID))
	o, err := f.sess.Open(caller, personID, true, now)
	must(err)
	_, err = f.app.Commit(ctx, caller.Meta(personID, now), personID, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs, Claims: []eventstore.Claim{f.app.Claim("email", addr, stream)}}, o.Change)
	must(err)
	a, found, _ := f.sess.Lookup(o.Token)
	if !found {
		panic("signed-up session not in the index")
	}
	return a
}

// device is a virtual authenticator holding one credential of a person.
type device struct {
	auth vw.Authenticator
	cred vw.Credential
}

// register registers a new virtual device for a and returns it.
func (f *fixture) register(a sessions.Authed, name string) (device, error) {
	ctx := context.Background()
	start, err := f.svc.RegisterOptions(ctx, passkeys.RegisterOptionsInput{Authed: a})
	if err != nil {
		return device{}, err
	}
	d := device{auth: vw.NewAuthenticatorWithOptions(vw.AuthenticatorOptions{UserHandle: []byte(a.User.ID)}), cred: newEC2Credential()}
	ao, err := vw.ParseAttestationOptions(jsonOf(start.Options))
	must(err)
	att := vw.CreateAttestationResponse(goodRP, d.auth, d.cred, *ao)
	_, err = f.svc.Register(ctx, passkeys.RegisterInput{Caller: caller, Authed: a, Ceremony: start.Ceremony,
		Response: []byte(att), Name: name})
	if err == nil {
		d.auth.AddCredential(d.cred)
	}
	return d, err
}

// signInInput begins a sign-in and signs it with the device (counter
// moved forward by step).
func (f *fixture) signInInput(d *device, rp vw.RelyingParty, step int) passkeys.SignInInput {
	start, err := f.svc.SignInOptions(context.Background())
	must(err)
	lo, err := vw.ParseAssertionOptions(jsonOf(start.Options))
	must(err)
	d.cred.Counter = uint32(int(d.cred.Counter) + step)
	return passkeys.SignInInput{Caller: caller, Ceremony: start.Ceremony, Response: []byte(vw.CreateAssertionResponse(rp, d.auth, d.cred, *lo))}
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

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	must(err)
	return string(b)
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// newEC2Credential draws a virtual P-256 credential whose COSE key has
// 32-byte coordinates (virtualwebauthn drops leading zero bytes, which
// go-webauthn rightly refuses; a real authenticator pads them).
func newEC2Credential() vw.Credential {
	for {
		c := vw.NewCredential(vw.KeyTypeEC2)
		if len(c.Key.AttestationData()) == 77 {
			return c
		}
	}
}
