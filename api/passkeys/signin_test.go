package passkeys_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	vw "github.com/descope/virtualwebauthn"
	"github.com/google/go-cmp/cmp"
)

func TestRegisterThenSignIn(t *testing.T) {
	f := newFixture(localRP)
	defer f.Close()
	ctx := context.Background()
	a := f.signUp("alice@example.com")
	d, err := f.register(a, "  laptop ")
	if err != nil {
		t.Fatalf("Register: %v", err)
	}
	list, err := f.svc.List(ctx, a.User.ID)
	if err != nil || len(list) != 1 || list[0].Name != "laptop" {
		t.Fatalf("List = %+v, %v; want one passkey named laptop", list, err)
	}
	got, err := f.svc.SignIn(ctx, f.signInInput(&d, goodRP, 1))
	if err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	if got.User.ID != a.User.ID || got.Session.ID == a.Session.ID || got.Token == "" || got.Session.IP != caller.IP {
		t.Errorf("SignIn = %+v, want a new session of %s from %s", got, a.User.ID, caller.IP)
	}
	want := map[string]int{person.TypeSignedUp: 1, session.TypeCreated: 2, authenticator.TypeRegistered: 1, authenticator.TypeUsed: 1}
	if diff := cmp.Diff(f.CountsSince(t, eventstore.Position{}), want); diff != "" {
		t.Errorf("log (-got +want):\n%s", diff)
	}
}

// TestSignInRefusals: each refusal returns its error and appends only
// what it should (a refused counter its audit event, nothing else).
func TestSignInRefusals(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(f *fixture, d *device) passkeys.SignInInput
		wantErr error
		wantNew map[string]int
	}{
		{"replayed assertion", func(f *fixture, d *device) passkeys.SignInInput {
			in := f.signInInput(d, goodRP, 1)
			_, err := f.svc.SignIn(context.Background(), in)
			must(err)
			return in
		}, passkeys.ErrChallengeUsed, nil},
		{"counter went backwards", func(f *fixture, d *device) passkeys.SignInInput {
			_, err := f.svc.SignIn(context.Background(), f.signInInput(d, goodRP, 5))
			must(err)
			return f.signInInput(d, goodRP, -2)
		}, authenticator.ErrSignCountRegressed, map[string]int{authenticator.TypeSignCountRegressed: 1}},
		{"challenge past its TTL", func(f *fixture, d *device) passkeys.SignInInput {
			in := f.signInInput(d, goodRP, 1)
			f.Clock.Advance(passkey.ChallengeTTL)
			return in
		}, passkey.ErrChallengeExpired, nil},
		{"another origin", func(f *fixture, d *device) passkeys.SignInInput {
			return f.signInInput(d, vw.RelyingParty{ID: "localhost", Origin: "https://evil.test"}, 1)
		}, passkey.ErrAuthenticationFailed, nil},
		{"unregistered credential", func(f *fixture, _ *device) passkeys.SignInInput {
			other := device{auth: vw.NewAuthenticator(), cred: newEC2Credential()}
			other.auth.AddCredential(other.cred)
			return f.signInInput(&other, goodRP, 1)
		}, passkey.ErrAuthenticationFailed, nil},
		{"banned person", func(f *fixture, d *device) passkeys.SignInInput {
			ban(f, d)
			return f.signInInput(d, goodRP, 1)
		}, passkeys.ErrBanned, nil},
		{"no response", func(f *fixture, d *device) passkeys.SignInInput {
			in := f.signInInput(d, goodRP, 1)
			in.Response = []byte(`{}`)
			return in
		}, passkey.ErrAuthenticationFailed, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(localRP)
			defer f.Close()
			d, err := f.register(f.signUp("alice@example.com"), "")
			must(err)
			in := tt.prepare(f, &d)
			before := f.Head(t)
			_, err = f.svc.SignIn(context.Background(), in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("SignIn = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(f.CountsSince(t, before), tt.wantNew); diff != "" {
				t.Errorf("appended (-got +want):\n%s", diff)
			}
			if _, err := f.svc.SignIn(context.Background(), in); tt.wantNew != nil && !errors.Is(err, passkeys.ErrChallengeUsed) {
				t.Errorf("after a recorded refusal the challenge is used: got %v", err)
			}
		})
	}
}

// ban bans the person owning d's user handle.
func ban(f *fixture, d *device) {
	personID := string(d.auth.Options.UserHandle)
	_, err := app.Run(context.Background(), f.App, person.NewDecider(), domain.PersonStream(personID),
		caller.Meta("admin", f.App.Now()), personID, func(person.State) person.Command {
			return person.Ban{Reason: "spam", At: f.App.Now()}
		})
	must(err)
}

// TestSignInLiftsAnExpiredBan: while a ban with an expiry holds, passkey
// sign-in is refused; after it the sign-in succeeds and lifts the ban in
// the same append.
func TestSignInLiftsAnExpiredBan(t *testing.T) {
	f := newFixture(localRP)
	defer f.Close()
	ctx := context.Background()
	d, err := f.register(f.signUp("alice@example.com"), "")
	must(err)
	personID := string(d.auth.Options.UserHandle)
	_, err = app.Run(ctx, f.App, person.NewDecider(), domain.PersonStream(personID),
		caller.Meta("admin", f.App.Now()), personID, func(person.State) person.Command {
			return person.Ban{Reason: "spam", Expires: f.App.Now().Add(time.Hour), At: f.App.Now()}
		})
	must(err)
	if _, err := f.svc.SignIn(ctx, f.signInInput(&d, goodRP, 1)); !errors.Is(err, passkeys.ErrBanned) {
		t.Fatalf("SignIn during the ban = %v", err)
	}
	f.Clock.Advance(time.Hour)
	before := f.Head(t)
	got, err := f.svc.SignIn(ctx, f.signInInput(&d, goodRP, 1))
	if err != nil || got.User.Banned {
		t.Fatalf("SignIn after the ban = %+v, %v", got.User, err)
	}
	want := map[string]int{person.TypeUnbanned: 1, session.TypeCreated: 1, authenticator.TypeUsed: 1}
	if diff := cmp.Diff(f.CountsSince(t, before), want); diff != "" {
		t.Errorf("appended (-got +want):\n%s", diff)
	}
}
