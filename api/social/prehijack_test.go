package social_test

import (
	"errors"
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/twofactor"
)

// TestFederatedMergeEndsUnprovenAccess is the classic–federated merge of
// account pre-hijacking: someone signs up with Ada's address and a
// password, starts two-factor and keeps a session; Ada then signs in
// through a trusted provider that vouches for the address. The provider's
// account is linked and the address proven, and everything the first
// party added is gone in the same append.
func TestFederatedMergeEndsUnprovenAccess(t *testing.T) {
	e := newEnv(t)
	attacker, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = app.Run(e.ctx, e.App, twofactor.NewDecider(), twofactor.Stream(attacker.PersonID),
		app.Caller{}.Meta(attacker.PersonID, e.Clock.Now()), attacker.PersonID, func(twofactor.State) twofactor.Command {
			return twofactor.Enable{PersonID: attacker.PersonID, PasswordOK: true, Secret: "JBSWY3DPEHPK3PXP",
				BackupCodes: []string{"h1"}, At: e.Clock.Now()}
		})
	if err != nil {
		t.Fatal(err)
	}
	head := e.Head(t)
	owner := e.round("op", ada("sub-ada", true))
	if owner.Error != "" || owner.PersonID != attacker.PersonID || owner.Token == "" {
		t.Fatalf("owner's sign-in = %+v, want a session of the existing person", owner)
	}
	got := e.CountsSince(t, head)
	for typ, n := range map[string]int{"person.email_verified": 1, "person.account_unlinked": 1, "account.unlinked": 1,
		"session.revoked": 1, "two_factor.disabled": 1, "person.unproven_access_removed": 1, "person.account_linked": 1} {
		if got[typ] != n {
			t.Errorf("%s × %d, want %d (%v)", typ, got[typ], n, got)
		}
	}
	if _, found, _ := e.sess.Lookup(attacker.Token); found {
		t.Error("the first party's session survived the merge")
	}
	if _, err := e.ids.SignIn(e.ctx, identity.SignInInput{Email: "ada@example.com", Password: "correct horse 1"}); !errors.Is(err, domain.ErrInvalidCredentials) {
		t.Errorf("sign-in with the first party's password: %v, want INVALID_EMAIL_OR_PASSWORD", err)
	}
	if accs := providers(e.list(owner.Token)); len(accs) != 1 || accs[0] != [2]string{"op", "sub-ada"} {
		t.Errorf("accounts after the merge = %v, want op's only", accs)
	}
	if u, _ := e.sess.User(owner.PersonID); !u.EmailVerified {
		t.Error("the provider's verified email did not prove the address")
	}
	// A proven address: a second trusted link takes nothing away.
	head = e.Head(t)
	if again := e.round("op", ada("sub-ada", true)); again.Error != "" {
		t.Fatalf("sign-in again = %+v", again)
	}
	if n := e.CountsSince(t, head)["person.unproven_access_removed"]; n != 0 {
		t.Errorf("a sign-in of a proven person removed things again (%d)", n)
	}
}
