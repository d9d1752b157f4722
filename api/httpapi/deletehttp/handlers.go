package deletehttp

import (
	"net/http"

	"github.com/authledger/authledger/api/deletion"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

type deleteBody struct {
	CallbackURL *string `json:"callbackURL,omitempty"`
	Password    *string `json:"password,omitempty"`
	Token       *string `json:"token,omitempty"`
}

// deleteUser deletes the caller's account (or mails the link that will).
func (f *Feature) deleteUser(c echo.Context) error {
	a, b, err := wire.SessionAndBody[deleteBody](f.kit, c)
	if err != nil {
		return err
	}
	if err := f.kit.CheckCallback(b.CallbackURL); err != nil {
		return err
	}
	res, err := f.svc.Delete(c.Request().Context(), deletion.DeleteInput{Caller: f.kit.Caller(c), Authed: a,
		Password: wire.Deref(b.Password), Token: wire.Deref(b.Token), CallbackURL: wire.Deref(b.CallbackURL)})
	if err != nil {
		return refused(c, err)
	}
	if res.Mailed {
		return wire.OK(c, answer{Success: true, Message: "Verification email sent"})
	}
	f.kit.ClearSessionCookies(c)
	return wire.OK(c, answer{Success: true, Message: "User deleted"})
}

// callback is the emailed link: it deletes the signed-in caller's account
// and redirects to callbackURL, or answers JSON without one.
func (f *Feature) callback(c echo.Context) error {
	cb := c.QueryParam("callbackURL")
	if cb != "" {
		if err := f.kit.CheckCallback(&cb); err != nil {
			return err
		}
	}
	err := f.svc.Callback(c.Request().Context(), deletion.CallbackInput{Caller: f.kit.Caller(c),
		Authed: f.kit.OptionalSession(c), Token: c.QueryParam("token")})
	if err != nil {
		return refused(c, err)
	}
	f.kit.ClearSessionCookies(c)
	if cb != "" {
		return c.Redirect(http.StatusFound, cb)
	}
	return wire.OK(c, answer{Success: true, Message: "User deleted"})
}
