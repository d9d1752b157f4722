package operatorkeys_test

import (
	"testing"

	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/operatorkeys"
	"github.com/authledger/authledger/domain/operatorkey"
)

// FuzzAuthenticate: whatever a caller presents as a bearer key, only the
// exact token of the live key authenticates, and nothing panics.
func FuzzAuthenticate(f *testing.F) {
	env := apptest.New(f, apptest.WithoutProjections())
	svc := operatorkeys.NewOneShot(env.App)
	out, err := svc.Create(f.Context(), operatorkeys.CreateInput{Caller: cli, Actor: "admin", Name: "k",
		Scopes: []string{operatorkey.ScopeAuditRead}})
	if err != nil {
		f.Fatal(err)
	}
	if _, err := svc.List(f.Context()); err != nil { // a one-shot index catches up on reads
		f.Fatal(err)
	}
	for _, seed := range []string{"", "alk_", out.Token, out.Token + "x", out.Token[:40], "alk_" + out.Key.ID + "_",
		"Bearer " + out.Token, "alk_\x00\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, tok string) {
		k, err := svc.Authenticate(tok)
		if (err == nil) != (tok == out.Token) {
			t.Fatalf("%q: %+v %v", tok, k, err)
		}
	})
}
