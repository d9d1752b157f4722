package identity_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/eventstore/memory"
)

// TestSignUpEqualWork: a sign-up looks no address up first. A new address
// and one someone already has cost the same work — one password hash and
// one append, no claim look-up — so, with verification required, the
// generic answer to a taken address is not faster than a real sign-up;
// without it, the taken address is still refused.
func TestSignUpEqualWork(t *testing.T) {
	for _, required := range []bool{true, false} {
		store := &countingStore{Store: memory.New()}
		ae := apptest.NewOn(t, store, apptest.WithoutProjections())
		var hashes atomic.Int64
		ae.App.Hasher.Derived = func() { hashes.Add(1) }
		v := &fakeVerifier{required: required}
		svc, err := identity.New(ae.App, sessions.New(ae.App, sessions.Config{}), nil, identity.Config{Verification: v})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		signUp := func(addr string) (work, error) {
			l, a, h := store.lookups.Load(), store.appends.Load(), hashes.Load()
			_, err := svc.SignUp(ctx, identity.SignUpInput{Name: "Ann Example", Email: addr, Password: goodPW})
			return work{lookups: store.lookups.Load() - l, appends: store.appends.Load() - a, hashes: hashes.Load() - h}, err
		}
		fresh, err := signUp("ann@example.com")
		if err != nil {
			t.Fatal(err)
		}
		taken, err := signUp("ANN@example.com")
		want := work{appends: 1, hashes: 1}
		if fresh != want || taken != want {
			t.Errorf("required=%v: new address %+v, taken address %+v; want %+v each", required, fresh, taken, want)
		}
		switch {
		case required && err != nil:
			t.Errorf("required: taken address answered %v, want the generic answer", err)
		case !required && codeOf(err) != "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL":
			t.Errorf("not required: taken address answered %v, want USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL", err)
		}
	}
}
