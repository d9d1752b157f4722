package social

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
)

// refreshSkew is how close to its expiry an access token is refreshed
// before it is handed out (Better Auth's five seconds).
const refreshSkew = 5 * time.Second

// TokenInput names one of the signed-in caller's external accounts:
// AccountID is the account's id as list-accounts shows it (id); without
// it, the caller's first account of ProviderID. Another person's account
// is not found.
type TokenInput struct {
	Caller     app.Caller
	Authed     sessions.Authed
	AccountID  string
	ProviderID string
}

// AccessToken is get-access-token's answer: a valid access token of the
// account (refreshed when it had expired), its expiry (zero when the
// provider said none), the granted scopes and the ID token.
type AccessToken struct {
	AccessToken          string
	AccessTokenExpiresAt time.Time
	Scopes               []string
	IDToken              string
}

// RefreshedTokens is refresh-token's answer: the account's tokens after
// the refresh, and which account they are of.
type RefreshedTokens struct {
	account.ProviderTokens
	ProviderID string
	AccountID  string
}

// GetAccessToken answers a valid access token of one of the caller's
// external accounts, refreshing it through the provider (and recording
// account.provider_tokens_refreshed) when it expires within five seconds
// and a refresh token is kept. No access token, or a failed refresh, is
// FAILED_TO_GET_ACCESS_TOKEN.
func (s *Service) GetAccessToken(ctx context.Context, in TokenInput) (AccessToken, error) {
	a, p, err := s.ownAccount(ctx, in)
	if err != nil {
		return AccessToken{}, err
	}
	st, err := s.refreshed(ctx, in.Caller, a, p, false)
	if err != nil {
		return AccessToken{}, ErrFailedToGetAccessToken
	}
	if st.Tokens.AccessToken == "" {
		return AccessToken{}, ErrFailedToGetAccessToken
	}
	return AccessToken{AccessToken: st.Tokens.AccessToken, AccessTokenExpiresAt: st.Tokens.AccessTokenExpiresAt,
		Scopes: scopesOrEmpty(st.Tokens.Scopes), IDToken: st.Tokens.IDToken}, nil
}

// RefreshToken refreshes one of the caller's external accounts' tokens
// through the provider now, records the refresh and answers the tokens.
// An account without a refresh token is REFRESH_TOKEN_NOT_FOUND; a
// refresh the provider refuses FAILED_TO_REFRESH_ACCESS_TOKEN.
func (s *Service) RefreshToken(ctx context.Context, in TokenInput) (RefreshedTokens, error) {
	a, p, err := s.ownAccount(ctx, in)
	if err != nil {
		return RefreshedTokens{}, err
	}
	if a.Tokens.RefreshToken == "" {
		return RefreshedTokens{}, ErrRefreshTokenNotFound
	}
	st, err := s.refreshed(ctx, in.Caller, a, p, true)
	switch {
	case errors.Is(err, ErrRefreshTokenNotFound):
		return RefreshedTokens{}, err
	case err != nil:
		return RefreshedTokens{}, ErrFailedToRefreshAccessToken
	}
	return RefreshedTokens{ProviderTokens: st.Tokens, ProviderID: st.ProviderID, AccountID: st.ID}, nil
}

// ownAccount is the caller's external account named by in, with its
// configured provider: ACCOUNT_NOT_FOUND when the caller has no such
// account (whoever else may), PROVIDER_NOT_SUPPORTED for the credential
// account or a provider no longer configured.
func (s *Service) ownAccount(ctx context.Context, in TokenInput) (account.State, Provider, error) {
	personID := in.Authed.User.ID
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return account.State{}, Provider{}, err
	}
	if !p.Exists {
		return account.State{}, Provider{}, account.ErrAccountNotFound
	}
	if in.AccountID != "" && in.AccountID == p.CredentialAccountID &&
		(in.ProviderID == "" || in.ProviderID == account.ProviderCredential) {
		return account.State{}, Provider{}, errProviderNotSupported(account.ProviderCredential)
	}
	id, ok := "", false
	for _, la := range p.Accounts {
		if (in.AccountID == "" || la.ID == in.AccountID) && (in.ProviderID == "" || la.ProviderID == in.ProviderID) {
			id, ok = la.ID, true
			break
		}
	}
	if !ok || (in.AccountID == "" && in.ProviderID == "") {
		return account.State{}, Provider{}, account.ErrAccountNotFound
	}
	a, _, err := app.Load(ctx, s.app, account.NewDecider(), account.Stream(id))
	if err != nil {
		return account.State{}, Provider{}, err
	}
	if !a.Exists || a.PersonID != personID {
		return account.State{}, Provider{}, account.ErrAccountNotFound
	}
	prov, ok := s.provider(a.ProviderID)
	if !ok {
		return account.State{}, Provider{}, errProviderNotSupported(a.ProviderID)
	}
	return a, prov, nil
}

// refreshed is the account with a usable access token: refreshed through
// the provider when force is set or the token is about to expire (and a
// refresh token is kept), the refresh recorded on the account's stream
// (sealed with the person's key). Refreshes of one account are serialized
// in this process and the state is read again under the lock, so a
// rotating provider never sees one refresh token used twice from here.
func (s *Service) refreshed(ctx context.Context, caller app.Caller, a account.State, p Provider, force bool) (account.State, error) {
	unlock := refreshLocks.lock(a.ID)
	defer unlock()
	a, _, err := app.Load(ctx, s.app, account.NewDecider(), account.Stream(a.ID))
	if err != nil {
		return account.State{}, err
	}
	now := s.app.Now()
	due := !a.Tokens.AccessTokenExpiresAt.IsZero() && a.Tokens.AccessTokenExpiresAt.Sub(now) < refreshSkew
	if !force && !due {
		return a, nil
	}
	if a.Tokens.RefreshToken == "" {
		if force {
			return account.State{}, ErrRefreshTokenNotFound
		}
		return a, nil // nothing to refresh with: the kept token is answered as Better Auth does
	}
	up, err := s.upstream(ctx, p)
	if err != nil {
		return account.State{}, err
	}
	rctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	tok, err := up.refresh(rctx, a.Tokens.RefreshToken)
	if err != nil {
		s.warn(p, "refresh_failed", err)
		return account.State{}, err
	}
	out, err := app.Run(ctx, s.app, account.NewDecider(), account.Stream(a.ID), caller.Meta(a.PersonID, now), a.PersonID,
		func(account.State) account.Command { return account.RecordRefresh{Tokens: tokensOf(tok, now), At: now} })
	if err != nil {
		return account.State{}, err
	}
	return out.State, nil
}

// scopesOrEmpty is scopes, never nil (the wire answers []).
func scopesOrEmpty(scopes []string) []string {
	if scopes == nil {
		return []string{}
	}
	return scopes
}

// keyedMutex serializes work per key (an account's refreshes).
type keyedMutex struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

// keyedLock is one key's lock and how many hold or wait for it.
type keyedLock struct {
	sync.Mutex
	n int
}

// refreshLocks serializes the refreshes of each account in this process.
var refreshLocks = &keyedMutex{locks: map[string]*keyedLock{}}

// lock takes key's lock and returns its release.
func (k *keyedMutex) lock(key string) func() {
	k.mu.Lock()
	l, ok := k.locks[key]
	if !ok {
		l = &keyedLock{}
		k.locks[key] = l
	}
	l.n++
	k.mu.Unlock()
	l.Lock()
	return func() {
		l.Unlock()
		k.mu.Lock()
		if l.n--; l.n == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
}
