package api_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/registry"
	essqlite "github.com/authledger/authledger/eventstore/sqlite"
	ontsqlite "github.com/authledger/authledger/ontology/sqlite"
	"github.com/authledger/authledger/projections"
)

// Example embeds authledger in a Go program, with no HTTP: it opens the
// embedded SQLite stores in a temporary directory, wires the kernel the
// way `authledger serve` does, signs a person up, signs them in, lists
// their sessions and reads their audit trail.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir, err := os.MkdirTemp("", "authledger-example")
	check(err)
	defer os.RemoveAll(dir)

	// The stores: the event log (the system of record) and the read store.
	store, err := essqlite.Open(ctx, filepath.Join(dir, "events.db"), essqlite.Options{})
	check(err)
	defer store.Close()
	read, err := ontsqlite.Open(ctx, filepath.Join(dir, "ontology.db"))
	check(err)
	defer read.Close()

	// The codec seals personal data with per-person keys wrapped by a key
	// derived from the deployment's secret (here a fixed one; keep yours secret).
	secret := []byte("example secret: 32 bytes or more, kept out of the source")
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK(secret))
	codec := eventstore.NewCodec(registry.New(), keys)

	// The projections and the session index follow the log in the background.
	runner, err := projections.NewRunner(store, codec, read, projections.All(), projections.Options{})
	check(err)
	go func() { _ = runner.Run(ctx) }()
	k, err := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: read, Projections: runner,
		Index: sessionindex.New(), Secret: secret,
		Hasher: password.NewHasher(password.Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)})
	check(err)
	go func() { _ = k.Index.Follow(ctx, store, codec) }()

	// The use cases.
	sess := sessions.New(k, sessions.Config{})
	ids, err := identity.New(k, sess, mfa.New(k, sess, identity.NewPasswords(k, password.DefaultPolicy()), mfa.Config{}),
		identity.Config{})
	check(err)
	audit := compliance.New(k, compliance.Deps{})
	caller := app.Caller{RequestID: "example-1", IP: "192.0.2.10", UserAgent: "example/1.0"}

	up, err := ids.SignUp(ctx, identity.SignUpInput{Caller: caller, Name: "Ada Lovelace", Email: "ada@example.com",
		Password: "analytical engine 1843", RememberMe: true})
	check(err)
	_, err = ids.SignIn(ctx, identity.SignInInput{Caller: caller, Email: "ada@example.com", Password: "wrong"})
	fmt.Println("wrong password:", err)
	in, err := ids.SignIn(ctx, identity.SignInInput{Caller: caller, Email: "ADA@example.com",
		Password: "analytical engine 1843", RememberMe: true})
	check(err)
	me, _, _ := sess.Lookup(in.Token)
	fmt.Println("live sessions:", len(ids.ListSessions(ctx, me)))

	page, err := audit.Events(ctx, compliance.EventsInput{
		Reader: compliance.Reader{Caller: caller, Actor: "example", Route: "embedded example"},
		Filter: compliance.Filter{Person: up.PersonID}})
	check(err)
	for _, row := range page.Items {
		fmt.Println(row.Type, row.OWASP, row.Outcome)
	}
	// Output:
	// wrong password: INVALID_EMAIL_OR_PASSWORD: Invalid email or password
	// live sessions: 2
	// person.signed_up user_created success
	// account.created user_created success
	// session.created session_created success
	// account.sign_in_failed authn_login_fail failure
	// account.sign_in_succeeded authn_login_successafterfail success
	// session.created session_created success
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}
