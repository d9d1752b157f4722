package passkeys_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/passkeys"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	vw "github.com/descope/virtualwebauthn"
	"github.com/google/go-cmp/cmp"
)

// TestRegisterRefusals: a replayed attestation, a ceremony begun for
// another person, another origin and a credential registered to someone
// else are refused and append nothing.
func TestRegisterRefusals(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		prepare func(f *fixture, alice, bob sessions.Authed) passkeys.RegisterInput
		wantErr error
	}{
		{"replayed attestation", func(f *fixture, alice, _ sessions.Authed) passkeys.RegisterInput {
			in := attestation(f, alice, alice, goodRP, newEC2Credential())
			_, err := f.svc.Register(ctx, in)
			must(err)
			return in
		}, passkeys.ErrChallengeUsed},
		{"alice's ceremony with bob's session", func(f *fixture, alice, bob sessions.Authed) passkeys.RegisterInput {
			in := attestation(f, alice, alice, goodRP, newEC2Credential())
			in.Authed = bob
			return in
		}, passkey.ErrChallengeNotFound},
		{"another origin", func(f *fixture, alice, _ sessions.Authed) passkeys.RegisterInput {
			return attestation(f, alice, alice, vw.RelyingParty{ID: "localhost", Origin: "https://evil.test"}, newEC2Credential())
		}, passkey.ErrRegistrationFailed},
		{"credential of another person", func(f *fixture, alice, bob sessions.Authed) passkeys.RegisterInput {
			cred := newEC2Credential()
			_, err := f.svc.Register(ctx, attestation(f, alice, alice, goodRP, cred))
			must(err)
			return attestation(f, bob, bob, goodRP, cred)
		}, authenticator.ErrAlreadyRegistered},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(localRP)
			defer f.Close()
			in := tt.prepare(f, f.signUp("alice@example.com"), f.signUp("bob@example.com"))
			before := f.Head(t)
			if _, err := f.svc.Register(ctx, in); !errors.Is(err, tt.wantErr) {
				t.Fatalf("Register = %v, want %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(f.CountsSince(t, before), map[string]int(nil)); diff != "" {
				t.Errorf("a refused registration appended (-got +want):\n%s", diff)
			}
		})
	}
}

// attestation begins a registration for owner and answers it with cred
// for the user handle of signer, signed for rp.
func attestation(f *fixture, owner, signer sessions.Authed, rp vw.RelyingParty, cred vw.Credential) passkeys.RegisterInput {
	start, err := f.svc.RegisterOptions(context.Background(), passkeys.RegisterOptionsInput{Authed: owner})
	must(err)
	ao, err := vw.ParseAttestationOptions(jsonOf(start.Options))
	must(err)
	auth := vw.NewAuthenticatorWithOptions(vw.AuthenticatorOptions{UserHandle: []byte(signer.User.ID)})
	return passkeys.RegisterInput{Caller: caller, Authed: owner, Ceremony: start.Ceremony,
		Response: []byte(vw.CreateAttestationResponse(rp, auth, cred, *ao))}
}

// TestManage: rename, another person's passkey is not found, deletion
// needs a fresh session and releases the credential.
func TestManage(t *testing.T) {
	ctx := context.Background()
	f := newFixture(localRP)
	defer f.Close()
	alice, bob := f.signUp("alice@example.com"), f.signUp("bob@example.com")
	d, err := f.register(alice, "")
	must(err)
	list, _ := f.svc.List(ctx, alice.User.ID)
	id := list[0].ID
	renames := []struct {
		name    string
		who     sessions.Authed
		newName string
		wantErr error
	}{
		{"own", alice, "phone", nil},
		{"unchanged", alice, "phone", nil},
		{"another person's", bob, "mine", authenticator.ErrNotFound},
		{"invalid name", alice, " padded", authenticator.ErrInvalidName},
	}
	for _, tt := range renames {
		before := f.Head(t)
		p, err := f.svc.Rename(ctx, passkeys.RenameInput{Caller: caller, Authed: tt.who, PasskeyID: id, Name: tt.newName})
		if !errors.Is(err, tt.wantErr) || (err == nil && p.Name != tt.newName) {
			t.Errorf("rename %s = %+v, %v; want %v", tt.name, p, err, tt.wantErr)
		}
		if got, want := f.CountsSince(t, before)[authenticator.TypeRenamed], map[string]int{"own": 1}[tt.name]; got != want {
			t.Errorf("rename %s appended %d renames, want %d", tt.name, got, want)
		}
	}
	if err := f.svc.Delete(ctx, passkeys.DeleteInput{Caller: caller, Authed: bob, PasskeyID: id}); !errors.Is(err, authenticator.ErrNotFound) {
		t.Errorf("bob deleting alice's passkey = %v, want not found", err)
	}
	f.Clock.Advance(sessions.DefaultFreshAge + time.Minute)
	if err := f.svc.Delete(ctx, passkeys.DeleteInput{Caller: caller, Authed: alice, PasskeyID: id}); !errors.Is(err, sessions.ErrSessionNotFresh) {
		t.Fatalf("Delete on a stale session = %v, want %v", err, sessions.ErrSessionNotFresh)
	}
	fresh, err := f.svc.SignIn(ctx, f.signInInput(&d, goodRP, 1))
	must(err)
	if err := f.svc.Delete(ctx, passkeys.DeleteInput{Caller: caller, Authed: fresh, PasskeyID: id}); err != nil {
		t.Fatalf("Delete on a fresh session: %v", err)
	}
	if _, err := f.svc.SignIn(ctx, f.signInInput(&d, goodRP, 1)); !errors.Is(err, passkey.ErrAuthenticationFailed) {
		t.Errorf("sign-in with a deleted passkey = %v, want %v", err, passkey.ErrAuthenticationFailed)
	}
	if list, _ := f.svc.List(ctx, alice.User.ID); len(list) != 0 {
		t.Errorf("List after delete = %+v, want none", list)
	}
}

// TestInvalidRelyingParty: a relying party that cannot work refuses every
// ceremony with passkey.ErrInvalidConfig.
func TestInvalidRelyingParty(t *testing.T) {
	f := newFixture(passkeys.Config{RPID: "https://example.com", Origins: []string{"https://example.com"}})
	defer f.Close()
	if _, err := f.svc.SignInOptions(context.Background()); !errors.Is(err, passkey.ErrInvalidConfig) {
		t.Errorf("SignInOptions = %v, want %v", err, passkey.ErrInvalidConfig)
	}
}
