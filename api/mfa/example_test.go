package mfa_test

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/totp"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/eventstore/memory"
	"github.com/authledger/authledger/eventstore/registry"
	ontmemory "github.com/authledger/authledger/ontology/memory"
)

// Example turns TOTP on for a person and signs them in with the second
// factor, with no HTTP.
func Example() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := memory.New()
	keys := eventstore.NewKeyring(store.Keys(), eventstore.DeriveKEK([]byte(testSecret)))
	codec := eventstore.NewCodec(registry.New(), keys)
	clk := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	a, _ := app.New(app.Deps{Store: store, Codec: codec, Keys: keys, Read: ontmemory.New(), Index: sessionindex.New(),
		Hasher: password.NewHasher(cheapParams, 2), Secret: []byte(testSecret), Clock: clk.Now})
	go func() { _ = a.Index.Follow(ctx, store, codec) }()
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
