package social_test

import (
	"errors"
	"testing"
	"time"

	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
)

// unlink removes the account of the session token's person.
func (e *env) unlink(token, providerID, accountID string) error {
	e.t.Helper()
	a, found, _ := e.sess.Lookup(token)
	if !found {
		e.t.Fatalf("token not live")
	}
	return e.svc.Unlink(e.ctx, social.UnlinkInput{Authed: a, ProviderID: providerID, AccountID: accountID})
}

func TestUnlinkAccount(t *testing.T) {
	e := newEnv(t)
	signed, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	e.prove(signed.PersonID)
	first := e.round("op", ada("sub-9", true))
	linked := e.list(signed.Token)[1]
	if err := e.unlink(signed.Token, "", signed.PersonID); !errors.Is(err, account.ErrAccountNotFound) {
		t.Errorf("unlink the credential account: %v, want ACCOUNT_NOT_FOUND", err)
	}
	head := e.Head(t)
	if err := e.unlink(signed.Token, "", linked.ID); err != nil {
		t.Fatalf("unlink: %v", err)
	}
	got := e.CountsSince(t, head)
	if got["account.unlinked"] != 1 || got["person.account_unlinked"] != 1 {
		t.Errorf("events %v, want account.unlinked and person.account_unlinked", got)
	}
	if accs := providers(e.list(signed.Token)); len(accs) != 1 || accs[0][0] != "credential" {
		t.Errorf("after the unlink: %v, want the credential account only", accs)
	}
	if err := e.unlink(signed.Token, "", linked.ID); !errors.Is(err, account.ErrAccountNotFound) {
		t.Errorf("unlink again: %v, want ACCOUNT_NOT_FOUND", err)
	}
	if _, found, _ := e.sess.Lookup(first.Token); !found {
		t.Error("the unlink ended the session the account had opened")
	}
	// The (provider, subject) claim is free again: the next sign-in links anew.
	again := e.round("op", ada("sub-9", true))
	if accs := e.list(signed.Token); again.PersonID != signed.PersonID || len(accs) != 2 || accs[1].ID == linked.ID {
		t.Errorf("sign-in after the unlink = %+v, accounts %v: want a new link to %s", again, accs, signed.PersonID)
	}
	if err := e.unlink(signed.Token, "op", "sub-9"); err != nil {
		t.Errorf("unlink by provider and subject: %v", err)
	}
}

func TestUnlinkRefusals(t *testing.T) {
	e := newEnv(t)
	res := e.round("untrusted", map[string]any{"sub": "sub-u", "email": "bob@example.com", "name": "Bob"})
	only := e.list(res.Token)[0]
	if err := e.unlink(res.Token, "", only.ID); !errors.Is(err, person.ErrLastAccount) {
		t.Errorf("unlink the only account: %v, want FAILED_TO_UNLINK_LAST_ACCOUNT", err)
	}
	e.Clock.Advance(sessions.DefaultFreshAge + time.Minute)
	if err := e.unlink(res.Token, "", only.ID); !errors.Is(err, sessions.ErrSessionNotFresh) {
		t.Errorf("unlink on a stale session: %v, want SESSION_NOT_FRESH", err)
	}
	if accs := e.list(res.Token); len(accs) != 1 {
		t.Errorf("refused unlinks changed the accounts: %v", accs)
	}
}

// TestUnlinkCredential removes the password when another way in remains:
// list-accounts no longer shows it, the old password no longer signs in,
// and the provider's account is then the last way in.
func TestUnlinkCredential(t *testing.T) {
	e := newEnv(t)
	signed, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.unlink(signed.Token, "credential", ""); !errors.Is(err, person.ErrLastAccount) {
		t.Errorf("unlink the only password: %v, want FAILED_TO_UNLINK_LAST_ACCOUNT", err)
	}
	e.prove(signed.PersonID)
	e.round("op", ada("sub-9", true))
	head := e.Head(t)
	if err := e.unlink(signed.Token, "credential", ""); err != nil {
		t.Fatalf("unlink the password: %v", err)
	}
	got := e.CountsSince(t, head)
	if got["account.unlinked"] != 1 || got["person.account_unlinked"] != 1 {
		t.Errorf("events %v, want account.unlinked and person.account_unlinked", got)
	}
	if accs := providers(e.list(signed.Token)); len(accs) != 1 || accs[0][0] != "op" {
		t.Errorf("accounts after unlinking the password = %v, want op's only", accs)
	}
	if _, err := e.ids.SignIn(e.ctx, identity.SignInInput{Email: "ada@example.com", Password: "correct horse 1"}); !errors.Is(err, domain.ErrInvalidCredentials) {
		t.Errorf("sign-in with the unlinked password: %v, want INVALID_EMAIL_OR_PASSWORD", err)
	}
	if err := e.unlink(signed.Token, "credential", ""); !errors.Is(err, account.ErrAccountNotFound) {
		t.Errorf("unlink the password twice: %v, want ACCOUNT_NOT_FOUND", err)
	}
	if err := e.unlink(signed.Token, "op", ""); !errors.Is(err, person.ErrLastAccount) {
		t.Errorf("unlink the last provider: %v, want FAILED_TO_UNLINK_LAST_ACCOUNT", err)
	}
}
