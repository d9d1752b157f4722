package proof_test

import (
	"context"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/app/apptest"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// squatted is a person who signed up with a password (and a session) and
// linked a provider account, as someone using another person's address
// could; it returns the person, the sign-up session's id and the linked
// account's id.
func squatted(t *testing.T, e *apptest.Env, sess *sessions.Service) (string, string, string) {
	t.Helper()
	ctx := context.Background()
	ids, err := identity.New(e.App, sess, nil, identity.Config{})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := ids.SignUp(ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	a, _, _ := sess.Lookup(signed.Token)
	accountID := "A0000000000000000000000000000077"
	now := e.Clock.Now()
	_, pc, err := app.Decide(ctx, e.App, person.NewDecider(), domain.PersonStream(signed.PersonID), func(person.State) person.Command {
		return person.LinkAccount{AccountID: accountID, ProviderID: "op", Subject: "sub-1", At: now}
	})
	if err != nil {
		t.Fatal(err)
	}
	evs, _ := account.Decide(account.State{}, account.Create{AccountID: accountID, PersonID: signed.PersonID,
		ProviderID: "op", Subject: "sub-1", Linked: true, At: now})
	ac := eventstore.Change{Stream: account.Stream(accountID), Expected: eventstore.NoStream, Events: evs,
		Claims: []eventstore.Claim{e.App.Claim("account", account.ExternalKey("op", "sub-1"), account.Stream(accountID))}}
	if _, err := e.App.Commit(ctx, app.Caller{}.Meta(signed.PersonID, now), signed.PersonID, pc, ac); err != nil {
		t.Fatal(err)
	}
	return signed.PersonID, a.Session.ID, accountID
}

// TestChanges: what a proof keeps (the caller's session, the password,
// named accounts) stays; everything else goes, with its record, in one
// append; the provider account's claim is released.
func TestChanges(t *testing.T) {
	tests := []struct {
		name        string
		keepSession bool
		p           proof.Proof
		want        proof.Removed
		wantTypes   map[string]int
	}{
		{"everything", false, proof.Proof{Via: person.ViaProvider},
			proof.Removed{Sessions: 1, Accounts: 1, Password: true},
			map[string]int{"session.revoked": 1, "account.unlinked": 2, "person.account_unlinked": 2, "person.unproven_access_removed": 1}},
		{"the caller's session and the password stay", true, proof.Proof{Via: person.ViaVerification, KeepPassword: true},
			proof.Removed{Accounts: 1},
			map[string]int{"account.unlinked": 1, "person.account_unlinked": 1, "person.unproven_access_removed": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := apptest.New(t, apptest.WithoutProjections())
			sess := sessions.New(e.App, sessions.Config{})
			ctx := context.Background()
			personID, sessionID, accountID := squatted(t, e, sess)
			r := proof.New(e.App, sess, nil)
			p := tt.p
			p.Reason = session.ReasonEmailVerified
			if tt.keepSession {
				p.KeepSession = sessionID
			}
			st, pc, err := app.Decide(ctx, e.App, person.NewDecider(), domain.PersonStream(personID), func(person.State) person.Command {
				return person.ProveEmail{Via: p.Via, At: e.Clock.Now()}
			})
			if err != nil {
				t.Fatal(err)
			}
			if !proof.Needed(st) {
				t.Fatal("an unverified person needs no proof")
			}
			head := e.Head(t)
			changes, rm, err := r.Changes(ctx, st, pc, p)
			if err != nil {
				t.Fatal(err)
			}
			if rm != tt.want {
				t.Errorf("removed %+v, want %+v", rm, tt.want)
			}
			if _, err := e.App.Commit(ctx, app.Caller{}.Meta(personID, e.Clock.Now()), personID, changes...); err != nil {
				t.Fatal(err)
			}
			got := e.CountsSince(t, head)
			for typ, n := range tt.wantTypes {
				if got[typ] != n {
					t.Errorf("%s × %d, want %d (%v)", typ, got[typ], n, got)
				}
			}
			if _, err := e.App.Owner(ctx, "account", account.ExternalKey("op", "sub-1")); err == nil {
				t.Errorf("the claim of %s is still taken", accountID)
			}
			after, _, _ := app.Load(ctx, e.App, person.NewDecider(), domain.PersonStream(personID))
			if !after.EmailVerified || len(after.Accounts) != 0 || (after.CredentialAccountID == "") != tt.want.Password {
				t.Errorf("person after the proof = %+v", after)
			}
		})
	}
}
