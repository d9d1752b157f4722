package deletion_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
)

// Example deletes an account with its password: the person is erased
// (compliance's crypto-shredding) and their session ends.
func Example() {
	env := apptest.Start()
	defer env.Close()
	ctx := context.Background()
	sess := sessions.New(env.App, sessions.Config{})
	ids, _ := identity.New(env.App, sess, nil, identity.Config{})
	svc := deletion.New(env.App, sess, ids.Passwords(), compliance.New(env.App, compliance.Deps{}), deletion.Config{Enabled: true})

	res, _ := ids.SignUp(ctx, identity.SignUpInput{Caller: caller, Name: "Ann", Email: "ann@example.com", Password: goodPW})
	ann, _, _ := sess.Lookup(res.Token)
	out, err := svc.Delete(ctx, deletion.DeleteInput{Caller: caller, Authed: ann, Password: goodPW})
	_, live, _ := sess.Lookup(res.Token)
	fmt.Println(out.Deleted, err, live)
	// Output: true <nil> false
}
