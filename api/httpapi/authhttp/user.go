package authhttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/labstack/echo/v4"
)

type updateUserBody struct {
	Name  *string `json:"name,omitempty"`
	Image *string `json:"image,omitempty"`
}

// updateUser changes the caller's profile and additional fields.
func (f *Feature) updateUser(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	var b updateUserBody
	extra, err := f.decodeWithFields(c, &b)
	if err != nil {
		return err
	}
	err = f.svc.UpdateUser(c.Request().Context(), identity.UpdateUserInput{
		SessionInput: identity.SessionInput{Caller: f.kit.Caller(c), Session: a}, Name: b.Name, Image: b.Image, Fields: extra})
	if err != nil {
		return err
	}
	f.kit.SetSessionCookies(c, a.Token, !f.kit.DontRemember(c))
	return wire.OK(c, map[string]bool{"status": true})
}

type changePasswordBody struct {
	CurrentPassword     *string `json:"currentPassword"`
	NewPassword         *string `json:"newPassword"`
	RevokeOtherSessions *bool   `json:"revokeOtherSessions,omitempty"`
}

// changePassword changes the caller's password; with revokeOtherSessions
// it answers the fresh session that replaces every other.
func (f *Feature) changePassword(c echo.Context) error {
	a, b, err := wire.SessionAndBody[changePasswordBody](f.kit, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"currentPassword": b.CurrentPassword, "newPassword": b.NewPassword}); err != nil {
		return err
	}
	res, err := f.svc.ChangePassword(c.Request().Context(), identity.ChangePasswordInput{
		SessionInput: identity.SessionInput{Caller: f.kit.Caller(c), Session: a}, Current: *b.CurrentPassword,
		New: *b.NewPassword, RevokeOtherSessions: b.RevokeOtherSessions != nil && *b.RevokeOtherSessions})
	if err != nil {
		return err
	}
	if res.Token == "" {
		return wire.OK(c, map[string]any{"token": nil, "user": wire.ToUser(res.User)})
	}
	return f.kit.RespondSignedIn(c, wire.SignedIn{Token: res.Token, PersonID: a.User.ID, Remember: true})
}
