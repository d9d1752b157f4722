package mfa_test

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/totp"
	"github.com/authledger/authledger/domain/twofactor"
)

// Example turns TOTP on for a person and signs them in with the second
// factor, with no HTTP.
func Example() {
	ctx := context.Background()
	env := apptest.Start() // the kernel on the memory adapters, with a settable clock
	defer env.Close()
	a, clk := env.App, env.Clock
	sess := sessions.New(a, sessions.Config{})
	twoFactor := mfa.New(a, sess, identity.NewPasswords(a, password.DefaultPolicy()), mfa.Config{Issuer: "Example"})
	ids, _ := identity.New(a, sess, twoFactor, identity.Config{})
	codeNow := func(secret string) string {
		key, _ := totp.DecodeSecret(secret)
		return totp.Code(key, totp.Step(clk.Now()))
	}

	up, _ := ids.SignUp(ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: goodPW, RememberMe: true})
	me, _, _ := sess.Lookup(up.Token)
	en, _ := twoFactor.Enable(ctx, mfa.EnableInput{PasswordInput: mfa.PasswordInput{Session: me, Password: goodPW}})
	u, _ := url.Parse(en.TOTPURI)
	secret := u.Query().Get("secret")
	_, err := twoFactor.Verify(ctx, mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: codeNow(secret), Token: up.Token})
	fmt.Println("enabled:", err == nil)

	clk.Advance(30 * time.Second)
	in, _ := ids.SignIn(ctx, identity.SignInInput{Email: "ada@example.com", Password: goodPW})
	fmt.Println("second factor due:", in.Pending)
	done, err := twoFactor.Verify(ctx, mfa.VerifyInput{Method: twofactor.MethodTOTP, Code: codeNow(secret), Challenge: in.Challenge})
	fmt.Println("signed in:", err == nil && done.SignedIn && done.PersonID == up.PersonID)
	// Output:
	// enabled: true
	// second factor due: true
	// signed in: true
}
