package verification_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/authledger/authledger/api/verification"
)

// exampleTB lets the test fixture run in an Example (which has no
// testing.T): failures panic, cleanups run at Close.
type exampleTB struct {
	testing.TB
	cleanups []func()
}

func (e *exampleTB) Helper()                   {}
func (e *exampleTB) Fatal(args ...any)         { panic(fmt.Sprint(args...)) }
func (e *exampleTB) Fatalf(f string, a ...any) { panic(fmt.Sprintf(f, a...)) }
func (e *exampleTB) Cleanup(fn func())         { e.cleanups = append(e.cleanups, fn) }
func (e *exampleTB) Close() {
	for i := len(e.cleanups) - 1; i >= 0; i-- {
		e.cleanups[i]()
	}
}

// Example proves an address without HTTP: a link is requested (answered
// at once, mailed in the background), and its token proves the address
// once.
func Example() {
	tb := &exampleTB{}
	defer tb.Close()
	f := newFixture(tb, verification.Config{})
	ctx := context.Background()
	personID, _ := f.signUp("alice@example.com")

	err := f.svc.Send(ctx, verification.SendInput{Caller: caller, Email: "alice@example.com", CallbackURL: "/welcome"})
	fmt.Println("requested:", err)
	token := f.lastToken("alice@example.com")

	res, err := f.svc.Verify(ctx, verification.VerifyInput{Caller: caller, Token: token})
	u, _ := f.sess.User(personID)
	fmt.Println("verified:", err, res.PersonID == personID, u.EmailVerified)

	_, err = f.svc.Verify(ctx, verification.VerifyInput{Caller: caller, Token: token})
	fmt.Println("again:", err)
	// Output:
	// requested: <nil>
	// verified: <nil> true true
	// again: INVALID_TOKEN: Invalid token
}
