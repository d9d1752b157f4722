package recoveryhttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/recovery"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// Answer is Better Auth's answer to every reset request, known address or
// not; keys in its order.
type Answer struct {
	Status  bool   `json:"status"`
	Message string `json:"message"`
}

// Message is the answer's message.
const Message = "If this email exists in our system, check your email for the reset link"

type requestBody struct {
	Email      *string `json:"email"`
	RedirectTo *string `json:"redirectTo,omitempty"`
}

// requestReset answers the same for known and unknown emails (status,
// body, headers and timing): the use case does the work in the background.
func (f *Feature) requestReset(c echo.Context) error {
	var b requestBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"email": b.Email}); err != nil {
		return err
	}
	if err := f.kit.Origins.CheckURL("redirectTo", wire.Deref(b.RedirectTo)); err != nil {
		return err
	}
	in := recovery.RequestInput{Caller: f.kit.Caller(c), Email: *b.Email, RedirectTo: wire.Deref(b.RedirectTo)}
	if err := f.svc.RequestReset(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, Answer{Status: true, Message: Message})
}

// followLink is the emailed link: a redirect to the trusted callbackURL
// with the token, or with error=INVALID_TOKEN.
func (f *Feature) followLink(c echo.Context) error {
	cb := c.QueryParam("callbackURL")
	if cb == "" {
		return domain.Errorf(domain.CodeValidation, "callbackURL is required")
	}
	if err := f.kit.Origins.CheckCallbackURL(cb); err != nil {
		return err
	}
	to, err := f.svc.FollowLink(c.Request().Context(), recovery.FollowInput{Token: c.Param("token"), CallbackURL: cb})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusFound, to)
}

type resetBody struct {
	NewPassword *string `json:"newPassword"`
	Token       *string `json:"token"`
}

// resetPassword sets a new password with a pending token; it answers no
// session (every session is revoked).
func (f *Feature) resetPassword(c echo.Context) error {
	var b resetBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"newPassword": b.NewPassword, "token": b.Token}); err != nil {
		return err
	}
	in := recovery.ResetInput{Caller: f.kit.Caller(c), Token: *b.Token, NewPassword: *b.NewPassword}
	if err := f.svc.ResetPassword(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}
