package socialhttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// accountJSON is Better Auth's account as list-accounts shows it: no
// secrets, no tokens.
type accountJSON struct {
	ID         string   `json:"id"`
	ProviderID string   `json:"providerId"`
	AccountID  string   `json:"accountId"`
	UserID     string   `json:"userId"`
	Scopes     []string `json:"scopes"`
	CreatedAt  string   `json:"createdAt"`
	UpdatedAt  string   `json:"updatedAt"`
}

// listAccounts answers the caller's accounts.
func (f *Feature) listAccounts(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	accs, err := f.svc.ListAccounts(c.Request().Context(), social.ListAccountsInput{Caller: f.kit.Caller(c), Authed: a})
	if err != nil {
		return err
	}
	out := make([]accountJSON, 0, len(accs))
	for _, x := range accs {
		out = append(out, accountJSON{ID: x.ID, ProviderID: x.ProviderID, AccountID: x.AccountID, UserID: x.UserID,
			Scopes: x.Scopes, CreatedAt: wire.ISOTime(x.CreatedAt), UpdatedAt: wire.ISOTime(x.UpdatedAt)})
	}
	return wire.OK(c, out)
}

type unlinkBody struct {
	AccountID  *string `json:"accountId"`
	ProviderID *string `json:"providerId"`
}

// unlinkAccount removes one of the caller's external accounts: {status}.
// Like Better Auth, providerId alone names the caller's account of that
// provider, and accountId narrows it; accountId alone (an account id from
// list-accounts) is accepted too.
func (f *Feature) unlinkAccount(c echo.Context) error {
	a, b, err := wire.SessionAndBody[unlinkBody](f.kit, c)
	if err != nil {
		return err
	}
	if b.ProviderID == nil && b.AccountID == nil {
		return domain.Errorf(domain.CodeValidation, "[body.providerId] Invalid input: expected string, received undefined")
	}
	if err := f.svc.Unlink(c.Request().Context(), social.UnlinkInput{Caller: f.kit.Caller(c), Authed: a,
		ProviderID: wire.Deref(b.ProviderID), AccountID: wire.Deref(b.AccountID)}); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}
