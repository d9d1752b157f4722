package recovery_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/api/mailer/mailertest"
	"github.com/authledger/authledger/api/recovery"
)

// Example resets a forgotten password without HTTP: the request is
// answered at once and worked on in the background, the link arrives by
// mail (a Recorder here), and the token sets a new password once.
func Example() {
	rec := &mailertest.Recorder{}
	f := newFixture(recovery.Config{Mailer: rec, BaseURL: "https://auth.example.com"})
	defer f.Close()
	ctx := context.Background()
	personID, _ := f.signUp("alice@example.com", "correct horse 1")

	err := f.svc.RequestReset(ctx, recovery.RequestInput{Caller: caller, Email: "alice@example.com", RedirectTo: "/reset"})
	fmt.Println("requested:", err)
	f.svc.Wait() // the background work: lookup, token, mail
	fmt.Println("mailed to:", rec.Messages()[0].To)

	token := linkRE.FindStringSubmatch(rec.Messages()[0].Text)[2]
	err = f.svc.ResetPassword(ctx, recovery.ResetInput{Caller: caller, Token: token, NewPassword: "correct horse 2"})
	fmt.Println("reset:", err, f.passwordIs(personID, "correct horse 2"))

	err = f.svc.ResetPassword(ctx, recovery.ResetInput{Caller: caller, Token: token, NewPassword: "correct horse 3"})
	fmt.Println("again:", err)
	// Output:
	// requested: <nil>
	// mailed to: alice@example.com
	// reset: <nil> true
	// again: INVALID_TOKEN: Invalid token
}
