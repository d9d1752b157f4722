package authhttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/api/mfa"
	"github.com/labstack/echo/v4"
)

type signInBody struct {
	Email       *string `json:"email"`
	Password    *string `json:"password"`
	CallbackURL *string `json:"callbackURL,omitempty"`
	RememberMe  *bool   `json:"rememberMe,omitempty"`
}

// signIn checks the password and answers the session, or, with two-factor
// on and no trusted device, the start of the second step.
func (f *Feature) signIn(c echo.Context) error {
	var b signInBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"email": b.Email, "password": b.Password}); err != nil {
		return err
	}
	if err := f.kit.CheckCallback(b.CallbackURL); err != nil {
		return err
	}
	res, err := f.svc.SignIn(c.Request().Context(), identity.SignInInput{Caller: f.kit.Caller(c), Email: *b.Email,
		Password: *b.Password, RememberMe: remembers(b.RememberMe), Device: f.device(c),
		CallbackURL: wire.Deref(b.CallbackURL)})
	if err != nil {
		return err
	}
	if res.Pending {
		return f.tf.RespondChallenge(c, res.Challenge)
	}
	return f.kit.RespondSignedIn(c, wire.SignedIn{Token: res.Token, PersonID: res.PersonID, Remember: res.Remember,
		WithRedirect: true, Redirect: b.CallbackURL != nil, URL: wire.Deref(b.CallbackURL)})
}

// device is the trusted device the request presents (zero when none).
func (f *Feature) device(c echo.Context) mfa.Device {
	if f.tf == nil {
		return mfa.Device{}
	}
	return f.tf.Device(c)
}
