package social_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
)

// tokenIn names the external account of the session token's person.
func (e *env) tokenIn(token, accountID, providerID string) social.TokenInput {
	e.t.Helper()
	a, found, _ := e.sess.Lookup(token)
	if !found {
		e.t.Fatalf("token not live")
	}
	return social.TokenInput{Caller: app.Caller{IP: "192.0.2.1"}, Authed: a, AccountID: accountID, ProviderID: providerID}
}

// external is the id of the first external account of the token's person.
func (e *env) external(token string) string {
	e.t.Helper()
	for _, a := range e.list(token) {
		if a.ProviderID != account.ProviderCredential {
			return a.ID
		}
	}
	e.t.Fatal("no external account")
	return ""
}

// expire moves the clock past the provider's access tokens' lifetime.
func (e *env) expire() { e.Clock.Advance(2 * time.Hour) }

// TestProviderTokensKeptSealed: a sign-in keeps the provider's tokens on
// the account in the same append, sealed (the log never holds them in
// clear), and list-accounts answers the granted scopes.
func TestProviderTokensKeptSealed(t *testing.T) {
	e := newEnv(t)
	head := e.Head(t)
	res := e.round("op", ada("sub-1", true))
	if res.Error != "" {
		t.Fatalf("sign-in = %+v", res)
	}
	if n := e.CountsSince(t, head)["account.provider_tokens_stored"]; n != 1 {
		t.Fatalf("account.provider_tokens_stored × %d, want 1", n)
	}
	for _, r := range e.Records(t) {
		if r.Type != account.TypeProviderTokensStored {
			continue
		}
		raw := string(r.Data)
		if strings.Contains(raw, `"at-`) || strings.Contains(raw, `"rt-`) || strings.Contains(raw, `"eyJ`) ||
			strings.Count(raw, "sealed:v1:") != 3 {
			t.Errorf("stored record is not sealed: %s", raw)
		}
	}
	accs := e.list(res.Token)
	if len(accs) != 1 || !slices.Equal(accs[0].Scopes, []string{"openid", "email", "offline_access"}) {
		t.Errorf("accounts = %+v, want the granted scopes", accs)
	}
	got, err := e.svc.GetAccessToken(e.ctx, e.tokenIn(res.Token, accs[0].ID, ""))
	if err != nil || !strings.HasPrefix(got.AccessToken, "at-") || !strings.HasPrefix(got.IDToken, "eyJ") ||
		got.AccessTokenExpiresAt.IsZero() || len(got.Scopes) != 3 {
		t.Errorf("get-access-token = %+v, %v", got, err)
	}
}

// TestGetAccessTokenRefreshes: a valid token is answered as kept; an
// expired one is refreshed through the provider once, recorded, and the
// new one answered; refresh-token refreshes now and answers the rotated
// refresh token; the scopes survive refreshes.
func TestGetAccessTokenRefreshes(t *testing.T) {
	e := newEnv(t)
	res := e.round("op", ada("sub-1", true))
	id := e.external(res.Token)
	in := e.tokenIn(res.Token, id, "")
	first, err := e.svc.GetAccessToken(e.ctx, in)
	if err != nil || e.op.refreshes != 0 {
		t.Fatalf("get-access-token = %+v, %v (refreshes %d)", first, err, e.op.refreshes)
	}
	e.expire()
	head := e.Head(t)
	second, err := e.svc.GetAccessToken(e.ctx, in)
	if err != nil || second.AccessToken == first.AccessToken || e.op.refreshes != 1 ||
		!second.AccessTokenExpiresAt.After(e.Clock.Now()) || second.IDToken != first.IDToken {
		t.Fatalf("after expiry = %+v, %v (refreshes %d), want a refreshed token", second, err, e.op.refreshes)
	}
	if got := e.TypesSince(t, head); !slices.Equal(got, []string{account.TypeProviderTokensRefreshed}) {
		t.Errorf("events %v, want one refresh", got)
	}
	if again, _ := e.svc.GetAccessToken(e.ctx, in); again.AccessToken != second.AccessToken || e.op.refreshes != 1 {
		t.Errorf("a fresh token was refreshed again: %+v", again)
	}
	byProvider, err := e.svc.RefreshToken(e.ctx, e.tokenIn(res.Token, "", "op"))
	if err != nil || byProvider.AccessToken == second.AccessToken || !strings.HasPrefix(byProvider.RefreshToken, "rt-") ||
		byProvider.AccountID != id || byProvider.ProviderID != "op" || e.op.refreshes != 2 {
		t.Fatalf("refresh-token = %+v, %v", byProvider, err)
	}
	if !slices.Equal(byProvider.Scopes, []string{"openid", "email", "offline_access"}) {
		t.Errorf("scopes after refreshes = %v", byProvider.Scopes)
	}
}

// TestConcurrentRefreshUsesTheRefreshTokenOnce: concurrent requests for
// an expired token refresh it once (a rotating provider refuses a refresh
// token used twice) and all get a valid token.
func TestConcurrentRefreshUsesTheRefreshTokenOnce(t *testing.T) {
	e := newEnv(t)
	res := e.round("op", ada("sub-1", true))
	in := e.tokenIn(res.Token, e.external(res.Token), "")
	e.expire()
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() { _, errs[i] = e.svc.GetAccessToken(e.ctx, in) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("request %d: %v", i, err)
		}
	}
	if e.op.refreshes != 1 {
		t.Errorf("refreshes = %d, want 1", e.op.refreshes)
	}
}

// TestTokenRefusals: whose account, which account, and what the provider
// says decide the refusals; a refusal writes nothing.
func TestTokenRefusals(t *testing.T) {
	e := newEnv(t)
	ada := e.round("op", ada("sub-1", true))
	bob := e.round("op", map[string]any{"sub": "sub-b", "email": "bob@example.com", "email_verified": true})
	carol, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Carol", Email: "carol@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	adaAcc, bobAcc := e.external(ada.Token), e.external(bob.Token)
	carolCred := e.list(carol.Token)[0].ID
	e.expire()
	e.op.refuseRefresh = true
	head := e.Head(t)
	cases := []struct {
		name                     string
		token, account, provider string
		get, refresh, info       domain.Code
	}{
		{"another person's account", ada.Token, bobAcc, "", account.CodeAccountNotFound, account.CodeAccountNotFound, account.CodeAccountNotFound},
		{"another provider", ada.Token, adaAcc, "untrusted", account.CodeAccountNotFound, account.CodeAccountNotFound, account.CodeAccountNotFound},
		{"no account of the provider", carol.Token, "", "op", account.CodeAccountNotFound, account.CodeAccountNotFound, account.CodeAccountNotFound},
		{"nothing named", ada.Token, "", "", account.CodeAccountNotFound, account.CodeAccountNotFound, account.CodeAccountNotFound},
		{"the credential account", carol.Token, carolCred, "", social.CodeProviderNotSupported, social.CodeProviderNotSupported, social.CodeProviderNotSupported},
		{"the provider refuses the refresh", ada.Token, adaAcc, "", social.CodeFailedToGetAccessToken, social.CodeFailedToRefreshAccessToken, social.CodeFailedToGetAccessToken},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := e.tokenIn(c.token, c.account, c.provider)
			_, err := e.svc.GetAccessToken(e.ctx, in)
			if domain.CodeOf(err) != c.get {
				t.Errorf("get-access-token: %v, want %s", err, c.get)
			}
			_, err = e.svc.RefreshToken(e.ctx, in)
			if domain.CodeOf(err) != c.refresh {
				t.Errorf("refresh-token: %v, want %s", err, c.refresh)
			}
			_, err = e.svc.AccountInfo(e.ctx, in)
			if domain.CodeOf(err) != c.info {
				t.Errorf("account-info: %v, want %s", err, c.info)
			}
		})
	}
	if got := e.TypesSince(t, head); len(got) != 0 {
		t.Errorf("refusals wrote %v", got)
	}
}

// TestAccountInfo: the provider's user info with the account's access
// token, shaped as Better Auth's user; a token the provider no longer
// knows is FAILED_TO_GET_USER_INFO.
func TestAccountInfo(t *testing.T) {
	e := newEnv(t)
	res := e.round("op", map[string]any{"sub": "sub-1", "email": "ada@example.com", "email_verified": true, "name": "Ada",
		"picture": "https://img.example/ada.png"})
	id := e.external(res.Token)
	info, err := e.svc.AccountInfo(e.ctx, e.tokenIn(res.Token, id, ""))
	if err != nil {
		t.Fatal(err)
	}
	want := social.ProviderUser{ID: "sub-1", Name: "Ada", Email: "ada@example.com", Image: "https://img.example/ada.png",
		EmailVerified: true}
	if info.User != want || info.Data["sub"] != "sub-1" || info.Account != (social.InfoAccount{ID: id, ProviderID: "op", AccountID: "sub-1"}) {
		t.Errorf("account-info = %+v", info)
	}
	e.op.mu.Lock()
	clear(e.op.access)
	e.op.mu.Unlock()
	if _, err := e.svc.AccountInfo(e.ctx, e.tokenIn(res.Token, id, "")); !errors.Is(err, social.ErrFailedToGetUserInfo) {
		t.Errorf("revoked token: %v, want FAILED_TO_GET_USER_INFO", err)
	}
}

// TestLinkKeepsTokens: a link flow keeps the provider's tokens on the new
// account, and linking again replaces them.
func TestLinkKeepsTokens(t *testing.T) {
	e := newEnv(t)
	signed, err := e.ids.SignUp(e.ctx, identity.SignUpInput{Name: "Ada", Email: "ada@example.com", Password: "correct horse 1"})
	if err != nil {
		t.Fatal(err)
	}
	e.linkRound(signed.Token, "untrusted", map[string]any{"sub": "sub-a"})
	id := e.external(signed.Token)
	first, err := e.svc.GetAccessToken(e.ctx, e.tokenIn(signed.Token, id, ""))
	if err != nil {
		t.Fatal(err)
	}
	e.linkRound(signed.Token, "untrusted", map[string]any{"sub": "sub-a"})
	second, err := e.svc.GetAccessToken(e.ctx, e.tokenIn(signed.Token, id, ""))
	if err != nil || second.AccessToken == first.AccessToken {
		t.Errorf("after linking again = %+v, %v; want the new token", second, err)
	}
}

// TestForgetDestroysTokens: once the person's key is destroyed, the
// account's tokens read as empty and the log still holds only sealed
// values.
func TestForgetDestroysTokens(t *testing.T) {
	e := newEnv(t)
	res := e.round("op", ada("sub-1", true))
	id := e.external(res.Token)
	if err := e.App.Keys.Forget(e.ctx, res.PersonID); err != nil {
		t.Fatal(err)
	}
	st, _, err := app.Load(e.ctx, e.App, account.NewDecider(), account.Stream(id))
	if err != nil {
		t.Fatal(err)
	}
	if !st.Tokens.Empty() {
		t.Errorf("tokens readable after the key was destroyed: %+v", st.Tokens)
	}
	if !slices.Equal(st.Tokens.Scopes, []string{"openid", "email", "offline_access"}) {
		t.Errorf("scopes = %v (not personal, kept)", st.Tokens.Scopes)
	}
}

// TestStartExtras: extra scopes and a login hint reach the authorization
// URL; a scope that is no scope token is refused before anything is
// written.
func TestStartExtras(t *testing.T) {
	e := newEnv(t)
	r, err := e.svc.Start(e.ctx, social.StartInput{ProviderID: "op", Scopes: []string{"calendar", "email"}, LoginHint: "ada@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.URL, "scope=openid+email+calendar&") || !strings.Contains(r.URL, "login_hint=ada%40example.com") {
		t.Errorf("authorization URL %s lacks the scopes or the hint", r.URL)
	}
	head := e.Head(t)
	for _, in := range []social.StartInput{
		{ProviderID: "op", Scopes: []string{"two words"}},
		{ProviderID: "op", Scopes: []string{""}},
		{ProviderID: "op", Scopes: []string{`quote"`}},
		{ProviderID: "op", LoginHint: "line\nbreak"},
		{ProviderID: "op", Scopes: slices.Repeat([]string{"s"}, 33)},
	} {
		if _, err := e.svc.Start(e.ctx, in); domain.CodeOf(err) != domain.CodeValidation {
			t.Errorf("start %+v: %v, want VALIDATION_ERROR", in, err)
		}
	}
	if e.Head(t) != head {
		t.Error("refused starts wrote events")
	}
}
