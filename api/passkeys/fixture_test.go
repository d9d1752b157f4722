package passkeys_test

import (
	"context"
	"encoding/json"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	vw "github.com/descope/virtualwebauthn"
)

const pkOrigin = "http://localhost:8080"

var (
	goodRP = vw.RelyingParty{Name: "authledger", ID: "localhost", Origin: pkOrigin}
	caller = app.Caller{RequestID: "req-1", IP: "192.0.2.1", UserAgent: "test"}
)

// fixture is the passkey use cases on the memory adapters, with the
// session index following the log as a server's does.
type fixture struct {
	*apptest.Env
	sess *sessions.Service
	svc  *passkeys.Service
}

// newFixture builds a fixture; it panics on a wiring error (examples have
// no testing.T). Call Close when done.
func newFixture(cfg passkeys.Config) *fixture {
	env := apptest.Start(apptest.WithoutProjections())
	sess := sessions.New(env.App, sessions.Config{})
	return &fixture{Env: env, sess: sess, svc: passkeys.New(env.App, sess, cfg)}
}

// localRP is the relying party the virtual authenticator signs for.
var localRP = passkeys.Config{RPID: "localhost", Origins: []string{pkOrigin}}

// signUp records a person with a session, as sign-up does, and returns
// the session.
func (f *fixture) signUp(addr string) sessions.Authed {
	ctx, now := context.Background(), f.App.Now()
	ids, _ := f.App.NewIDs(2)
	personID, stream := ids[0], domain.PersonStream(ids[0])
	evs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr, Name: "Alice A.",
		CredentialAccountID: ids[1], At: now})
	must(err)
	must(f.App.Keys.Ensure(ctx, personID))
	o, err := f.sess.Open(caller, personID, true, now)
	must(err)
	_, err = f.App.Commit(ctx, caller.Meta(personID, now), personID, eventstore.Change{Stream: stream,
		Expected: eventstore.NoStream, Events: evs, Claims: []eventstore.Claim{f.App.Claim("email", addr, stream)}}, o.Change)
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
