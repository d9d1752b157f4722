package mailer_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mailer"
	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/api/sessions"
)

// The reset request only records its event; the mailer composes the
// message from the log afterwards (here on demand, through a
// mailertest.Recorder; a server runs mailer.Subscriber in the background).
func Example() {
	env := apptest.Start()
	defer env.Close()
	ctx := context.Background()
	rec := &mailertest.Recorder{}
	rec.Bind(env.App, mailer.Config{BaseURL: "https://auth.example.com"})
	sess := sessions.New(env.App, sessions.Config{})
	ids, _ := identity.New(env.App, sess, nil, identity.Config{})
	_, _ = ids.SignUp(ctx, identity.SignUpInput{Caller: caller, Name: "Ann", Email: "ann@example.com", Password: "correct horse 1"})
	reset := recovery.New(env.App, sess, recovery.Config{Mailer: rec, BaseURL: "https://auth.example.com"})
	_ = reset.RequestReset(ctx, recovery.RequestInput{Caller: caller, Email: "ann@example.com"})
	reset.Wait()
	m := rec.Messages()[0]
	fmt.Println(m.To, "|", m.Subject)
	// Output: ann@example.com | Reset your password
}
