package social

import (
	"context"
	"slices"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
)

// Account is one way a person signs in, as list-accounts shows it.
// AccountID is the provider's subject, or the person's id for the
// credential (email + password) account.
type Account struct {
	ID         string
	ProviderID string
	AccountID  string
	UserID     string
	Scopes     []string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// ListAccountsInput names the signed-in caller.
type ListAccountsInput struct {
	Caller app.Caller
	Authed sessions.Authed
}

// ListAccounts answers the caller's accounts, read from the person's own
// stream: the credential account, then the external ones in link order,
// each with the scopes its provider granted (from the account's stream;
// updated when its tokens were last stored or refreshed).
func (s *Service) ListAccounts(ctx context.Context, in ListAccountsInput) ([]Account, error) {
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(in.Authed.User.ID))
	if err != nil {
		return nil, err
	}
	if !p.Exists {
		return nil, domain.ErrNotFound
	}
	out := []Account{}
	if p.CredentialAccountID != "" {
		out = append(out, Account{ID: p.CredentialAccountID, ProviderID: account.ProviderCredential, AccountID: p.ID,
			UserID: p.ID, Scopes: []string{}, CreatedAt: p.CreatedAt, UpdatedAt: p.CreatedAt})
	}
	for _, a := range p.Accounts {
		st, _, err := app.Load(ctx, s.app, account.NewDecider(), account.Stream(a.ID))
		if err != nil {
			return nil, err
		}
		updated := a.CreatedAt
		if st.TokensAt.After(updated) {
			updated = st.TokensAt
		}
		out = append(out, Account{ID: a.ID, ProviderID: a.ProviderID, AccountID: a.Subject, UserID: p.ID,
			Scopes: scopesOrEmpty(slices.Clone(st.Tokens.Scopes)), CreatedAt: a.CreatedAt, UpdatedAt: updated})
	}
	return out, nil
}
