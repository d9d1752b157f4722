package socialhttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

type linkBody struct {
	Provider         *string `json:"provider"`
	CallbackURL      *string `json:"callbackURL"`
	ErrorCallbackURL *string `json:"errorCallbackURL"`
	DisableRedirect  *bool   `json:"disableRedirect"`
	// Scopes are asked for besides the provider's configured ones.
	Scopes []string `json:"scopes"`
}

// linkSocial starts a flow linking the provider's account to the caller:
// {url, redirect} and the signed state cookie, as sign-in/social.
func (f *Feature) linkSocial(c echo.Context) error {
	a, b, err := wire.SessionAndBody[linkBody](f.kit, c)
	if err != nil {
		return err
	}
	if b.Provider == nil {
		return domain.Errorf(domain.CodeValidation, "[body.provider] Invalid input: expected string, received undefined")
	}
	in := social.LinkSocialInput{Caller: f.kit.Caller(c), Authed: a, ProviderID: *b.Provider,
		CallbackURL: wire.Deref(b.CallbackURL), ErrorCallbackURL: wire.Deref(b.ErrorCallbackURL), Scopes: b.Scopes}
	if err := f.checkURLs([2]string{"callbackURL", in.CallbackURL}, [2]string{"errorCallbackURL", in.ErrorCallbackURL}); err != nil {
		return err
	}
	res, err := f.svc.LinkSocial(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return f.started(c, res, b.DisableRedirect)
}
