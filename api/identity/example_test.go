package identity_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// Example signs a person up, signs them in again and lists their sessions,
// with no HTTP: the use cases on the in-memory adapters.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	a, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: ontmemory.New(), Index: sessionindex.New(),
		Hasher: password.NewHasher(cheapParams, 2), Secret: []byte(testSecret)})
	if err != nil {
		panic(err)
	}
	go func() { _ = a.Index.Follow(ctx, store, codec) }() // a server keeps the index following the log
	sess := sessions.New(a, sessions.Config{})
	ids, err := identity.New(a, sess, nil, identity.Config{})
	if err != nil {
		panic(err)
	}
	caller := app.Caller{RequestID: "example", IP: "192.0.2.1", UserAgent: "example"}

	up, err := ids.SignUp(ctx, identity.SignUpInput{Caller: caller, Name: "Ada", Email: "ada@example.com",
		Password: "correct horse 1", RememberMe: true})
	fmt.Println("signed up:", err == nil)
	_, err = ids.SignIn(ctx, identity.SignInInput{Caller: caller, Email: "ada@example.com", Password: "wrong horse 1"})
	fmt.Println("wrong password:", err)
	in, err := ids.SignIn(ctx, identity.SignInInput{Caller: caller, Email: "Ada@Example.com", Password: "correct horse 1"})
	fmt.Println("signed in as the same person:", err == nil && in.PersonID == up.PersonID)
	me, found, _ := sess.Lookup(in.Token)
	fmt.Println("sessions:", found, len(ids.ListSessions(ctx, me)))
	// Output:
	// signed up: true
	// wrong password: INVALID_EMAIL_OR_PASSWORD: Invalid email or password
	// signed in as the same person: true
	// sessions: true 2
}
