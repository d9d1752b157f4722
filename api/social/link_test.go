package social_test

import (
	"testing"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/social"
	"github.com/go-jose/go-jose/v4"
)

// linkRound runs a link-social flow of the token's person through the
// provider with claims.
func (e *env) linkRound(token, provider string, claims map[string]any) social.CallbackResult {
	e.t.Helper()
	a, found, _ := e.sess.Lookup(token)
	if !found {
		e.t.Fatalf("token not live")
	}
	r, err := e.svc.LinkSocial(e.ctx, social.LinkSocialInput{Caller: app.Caller{IP: "192.0.2.1"}, Authed: a,
		ProviderID: provider, CallbackURL: "/settings", ErrorCallbackURL: "/oops"})
	if err != nil {
		e.t.Fatalf("link-social: %v", err)
	}
	state, code := e.op.authorize(r.URL, claims, jose.RS256)
	return e.callback(provider, state, state, code, "")
}

func TestLinkSocial(t *testing.T) {
	e := newEnv(t)
	signed, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	head := e.Head(t)
	// An untrusted provider, another email: an explicit link needs neither.
	res := e.linkRound(signed.Token, "untrusted", map[string]any{"sub": "sub-a", "email": "ada@elsewhere.example"})
	if res.Error != "" || res.Token != "" || res.PersonID != signed.PersonID || res.Redirect != "/settings" {
		t.Fatalf("link = %+v, want linked to %s without a new session", res, signed.PersonID)
	}
	got := e.CountsSince(t, head)
	if got["account.created"] != 1 || got["person.account_linked"] != 1 || got["session.created"] != 0 || got["social.sign_in_succeeded"] != 1 {
		t.Errorf("events %v, want the account linked and no session", got)
	}
	if accs := providers(e.list(signed.Token)); len(accs) != 2 || accs[1] != [2]string{"untrusted", "sub-a"} {
		t.Errorf("accounts = %v", accs)
	}
	if again := e.linkRound(signed.Token, "untrusted", map[string]any{"sub": "sub-a"}); again.Error != "" || len(e.list(signed.Token)) != 2 {
		t.Errorf("linking the same account again = %+v, want a no-op success", again)
	}
	bob := e.round("op", map[string]any{"sub": "sub-b", "email": "bob@example.com", "email_verified": true})
	refused := e.linkRound(signed.Token, "op", map[string]any{"sub": "sub-b"})
	if refused.Error != "account_already_linked_to_different_user" || refused.ErrorURL != "/oops" || refused.Token != "" {
		t.Errorf("linking bob's account = %+v, want account_already_linked_to_different_user", refused)
	}
	if len(e.list(bob.Token)) != 1 || len(e.list(signed.Token)) != 2 {
		t.Error("a refused link moved an account")
	}
	if res := e.round("untrusted", map[string]any{"sub": "sub-a"}); res.PersonID != signed.PersonID || res.Token == "" {
		t.Errorf("sign-in through the linked account = %+v, want %s", res, signed.PersonID)
	}
}
