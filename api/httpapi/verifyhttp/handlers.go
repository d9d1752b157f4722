package verifyhttp

import (
	"errors"
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/verification"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/labstack/echo/v4"
)

type sendBody struct {
	Email       *string `json:"email"`
	CallbackURL *string `json:"callbackURL,omitempty"`
}

// send mails a verification link: to the session's own address, or, without
// a session, answered alike for every address.
func (f *Feature) send(c echo.Context) error {
	var b sendBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"email": b.Email}); err != nil {
		return err
	}
	if err := f.kit.CheckCallback(b.CallbackURL); err != nil {
		return err
	}
	in := verification.SendInput{Caller: f.kit.Caller(c), Email: *b.Email, CallbackURL: wire.Deref(b.CallbackURL)}
	in.Authed = f.kit.OptionalSession(c)
	if err := f.svc.Send(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

// verify is the emailed link (verification or change of address): it
// redirects to the callback (with ?error=CODE when the link is refused)
// or, without one, answers JSON.
func (f *Feature) verify(c echo.Context) error {
	cb := c.QueryParam("callbackURL")
	if err := f.kit.CheckCallback(optional(cb)); err != nil {
		return err
	}
	res, err := f.svc.Verify(c.Request().Context(), verification.VerifyInput{Caller: f.kit.Caller(c),
		Authed: f.kit.OptionalSession(c), Token: c.QueryParam("token"), CallbackURL: cb})
	var de *domain.Error
	switch {
	case err != nil && (!errors.As(err, &de) || !linkRefusals[de.Code]):
		return err
	case err != nil && cb != "":
		return c.Redirect(http.StatusFound, maillink.WithParam("", cb, "error", string(de.Code)))
	case err != nil: // Better Auth answers this route's refusals with 401
		return wire.WriteJSON(c, http.StatusUnauthorized, errorBody{Message: de.Message, Code: string(de.Code)})
	}
	if res.Token != "" {
		f.kit.SetSessionCookies(c, res.Token, true)
	}
	if cb != "" {
		return c.Redirect(http.StatusFound, cb)
	}
	return f.answerFollowed(c, res)
}

// linkRefusals are the codes of a refused link.
var linkRefusals = map[domain.Code]bool{person.CodeInvalidToken: true, person.CodeTokenExpired: true, person.CodeInvalidUser: true}

// answerFollowed is Better Auth's JSON answer of a followed link: a
// changed address comes with the user, an approval with status only, a
// verification with user null.
func (f *Feature) answerFollowed(c echo.Context, res verification.VerifyResult) error {
	switch res.Outcome {
	case verification.OutcomeApproved:
		return wire.OK(c, map[string]bool{"status": true})
	case verification.OutcomeChanged:
		u, ok := f.kit.Sessions.User(res.PersonID)
		if !ok {
			return domain.ErrUnavailable
		}
		return wire.OK(c, changed{Status: true, User: wire.ToUser(u)})
	}
	return wire.OK(c, verified{Status: true})
}

// changed is the JSON answer of a followed link that moved the address.
type changed struct {
	Status bool          `json:"status"`
	User   wire.UserJSON `json:"user"`
}

type changeBody struct {
	NewEmail    *string `json:"newEmail"`
	CallbackURL *string `json:"callbackURL,omitempty"`
}

// changeEmail starts moving the caller's address; the answer is the same
// whether or not someone already has the new one.
func (f *Feature) changeEmail(c echo.Context) error {
	a, b, err := wire.SessionAndBody[changeBody](f.kit, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"newEmail": b.NewEmail}); err != nil {
		return err
	}
	if err := f.kit.CheckCallback(b.CallbackURL); err != nil {
		return err
	}
	in := verification.ChangeInput{Caller: f.kit.Caller(c), Authed: a, NewEmail: *b.NewEmail, CallbackURL: wire.Deref(b.CallbackURL)}
	if err := f.svc.ChangeEmail(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

// errorBody is Better Auth's error shape, keys in its order.
type errorBody struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

// verified is the JSON answer of a followed link (user is always null).
type verified struct {
	Status bool `json:"status"`
	User   any  `json:"user"`
}

// optional is nil for "".
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
