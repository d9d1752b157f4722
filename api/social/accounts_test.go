package social_test

import (
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
)

// list answers the accounts of the session token's person.
func (e *env) list(token string) []social.Account {
	e.t.Helper()
	a, found, _ := e.sess.Lookup(token)
	if !found {
		e.t.Fatalf("token not live")
	}
	got, err := e.svc.ListAccounts(e.ctx, social.ListAccountsInput{Authed: a})
	if err != nil {
		e.t.Fatalf("list accounts: %v", err)
	}
	return got
}

// providers is the provider and accountId of each listed account.
func providers(accs []social.Account) [][2]string {
	out := [][2]string{}
	for _, a := range accs {
		out = append(out, [2]string{a.ProviderID, a.AccountID})
	}
	return out
}

func TestListAccounts(t *testing.T) {
	e := newEnv(t)
	head := e.Head(t)
	signed, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	accs := e.list(signed.Token)
	if len(accs) != 1 || accs[0].ProviderID != account.ProviderCredential || accs[0].AccountID != signed.PersonID ||
		accs[0].UserID != signed.PersonID || accs[0].ID == "" || accs[0].Scopes == nil || accs[0].CreatedAt.IsZero() {
		t.Fatalf("password person's accounts = %+v, want the credential account", accs)
	}
	e.prove(signed.PersonID)
	res := e.round("op", ada("sub-9", true)) // linked by the verified email
	got := providers(e.list(res.Token))
	if len(got) != 2 || got[0] != [2]string{"credential", signed.PersonID} || got[1] != [2]string{"op", "sub-9"} {
		t.Errorf("after linking: %v, want the credential account then op's sub-9", got)
	}
	fresh := e.round("untrusted", map[string]any{"sub": "sub-u", "email": "bob@example.com", "name": "Bob"})
	if got := providers(e.list(fresh.Token)); len(got) != 1 || got[0] != [2]string{"untrusted", "sub-u"} {
		t.Errorf("social sign-up's accounts = %v, want untrusted's sub-u only", got)
	}
	if n := e.CountsSince(t, head)["person.account_linked"]; n != 2 {
		t.Errorf("person.account_linked × %d, want 2", n)
	}
}

// prove records that personID's address is proven (as a followed
// verification link would), so a trusted provider links without the
// removals of a first proof.
func (e *env) prove(personID string) {
	e.t.Helper()
	_, err := app.Run(e.ctx, e.App, person.NewDecider(), domain.PersonStream(personID),
		app.Caller{}.Meta(personID, e.Clock.Now()), personID, func(person.State) person.Command {
			return person.ProveEmail{Via: person.ViaVerification, At: e.Clock.Now()}
		})
	if err != nil {
		e.t.Fatalf("prove: %v", err)
	}
}
