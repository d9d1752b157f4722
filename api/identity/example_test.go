package identity_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
)

// Example signs a person up, signs them in again and lists their sessions,
// with no HTTP: the use cases on the in-memory adapters.
func Example() {
	ctx := context.Background()
	env := apptest.Start() // the kernel on the memory adapters, the session index following the log
	defer env.Close()
	a := env.App
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
