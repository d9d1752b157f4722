package passkeys_test

import (
	"context"
	"fmt"

	"github.com/authledger/authledger/api/passkeys"
)

// Example registers a passkey for a signed-in person and signs in with
// it, without HTTP: the transport's part (keeping the ceremony between
// options and answer) is the fixture's, the browser's a virtual
// authenticator.
func Example() {
	f := newFixture(passkeys.Config{}.Resolve("http://localhost:8080", nil))
	defer f.Close()
	ctx := context.Background()
	alice := f.signUp("alice@example.com")

	d, err := f.register(alice, "laptop") // RegisterOptions, then Register with the attestation
	if err != nil {
		fmt.Println(err)
		return
	}
	list, _ := f.svc.List(ctx, alice.User.ID)
	fmt.Println("passkeys:", len(list), list[0].Name)

	in := f.signInInput(&d, goodRP, 1) // SignInOptions, then the assertion
	s, err := f.svc.SignIn(ctx, in)
	fmt.Println("signed in as alice:", err == nil && s.User.ID == alice.User.ID)

	_, err = f.svc.SignIn(ctx, in)
	fmt.Println("replayed:", err)
	// Output:
	// passkeys: 1 laptop
	// signed in as alice: true
	// replayed: CHALLENGE_ALREADY_USED: Challenge already used
}
