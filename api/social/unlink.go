package social

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// UnlinkInput names the account to remove: AccountID is the account's id
// as list-accounts shows it; with ProviderID it may instead be the
// provider's subject (accountId there), or empty for the person's
// account of that provider.
type UnlinkInput struct {
	Caller     app.Caller
	Authed     sessions.Authed
	ProviderID string
	AccountID  string
}

// Unlink removes one of the caller's accounts, on a fresh session: the
// account's account.unlinked, an external account's (provider, subject)
// claim released and the person's person.account_unlinked, in one append;
// unlinking the credential account removes the password (a reset link sets
// one again). The
// last way to sign in (a password, a passkey or another external account
// must remain) is refused with FAILED_TO_UNLINK_LAST_ACCOUNT; an account
// the caller does not have is ACCOUNT_NOT_FOUND.
func (s *Service) Unlink(ctx context.Context, in UnlinkInput) error {
	if err := s.sessions.Fresh(in.Authed); err != nil {
		return err
	}
	personID := in.Authed.User.ID
	return s.app.Retry(func() error {
		keys, _, err := app.Load(ctx, s.app, authenticator.NewDecider(), authenticator.Stream(personID))
		if err != nil {
			return err
		}
		var target person.LinkedAccount
		p, pc, err := app.DecideChecked(ctx, s.app, person.NewDecider(), domain.PersonStream(personID),
			func(p person.State) (person.Command, error) {
				a, ok := findAccount(p, in.ProviderID, in.AccountID)
				target = a
				if !ok {
					return nil, account.ErrAccountNotFound
				}
				return person.UnlinkAccount{AccountID: a.ID, Passkeys: len(keys.Passkeys), At: s.app.Now()}, nil
			})
		if err != nil {
			return err
		}
		stream := account.Stream(target.ID)
		_, ac, err := app.Decide(ctx, s.app, account.NewDecider(), stream, func(account.State) account.Command {
			return account.Unlink{At: s.app.Now()}
		})
		if err != nil {
			return err
		}
		if target.ProviderID != account.ProviderCredential {
			ac.Releases = []eventstore.Claim{s.app.Claim("account", account.ExternalKey(target.ProviderID, target.Subject), stream)}
		}
		_, err = s.app.Commit(ctx, in.Caller.Meta(p.ID, s.app.Now()), p.ID, pc, ac)
		return err
	})
}

// findAccount is the person's account named by id, or by the provider's
// subject when providerID is given, or the first of that provider's
// accounts when id is empty. The credential account (providerID
// "credential") is named by its id, or by the person's id (list-accounts'
// accountId) or nothing with providerID "credential".
func findAccount(p person.State, providerID, id string) (person.LinkedAccount, bool) {
	if p.CredentialAccountID != "" && (id == p.CredentialAccountID ||
		providerID == account.ProviderCredential && (id == "" || id == p.ID)) {
		return person.LinkedAccount{ID: p.CredentialAccountID, ProviderID: account.ProviderCredential}, true
	}
	for _, a := range p.Accounts {
		if (id != "" && a.ID == id) || (providerID != "" && a.ProviderID == providerID && (a.Subject == id || id == "")) {
			if providerID == "" || a.ProviderID == providerID {
				return a, true
			}
		}
	}
	return person.LinkedAccount{}, false
}
