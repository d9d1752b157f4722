package authhttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

type signUpBody struct {
	Name        *string `json:"name"`
	Email       *string `json:"email"`
	Password    *string `json:"password"`
	Image       *string `json:"image,omitempty"`
	CallbackURL *string `json:"callbackURL,omitempty"`
	RememberMe  *bool   `json:"rememberMe,omitempty"`
}

// signUp creates a person and signs them in (or, when email verification
// is required, answers token null and no session).
func (f *Feature) signUp(c echo.Context) error {
	var b signUpBody
	extra, err := f.decodeWithFields(c, &b)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"name": b.Name, "email": b.Email, "password": b.Password}); err != nil {
		return err
	}
	if err := f.kit.CheckCallback(b.CallbackURL); err != nil {
		return err
	}
	res, err := f.svc.SignUp(c.Request().Context(), identity.SignUpInput{Caller: f.kit.Caller(c), Name: *b.Name,
		Email: *b.Email, Password: *b.Password, Image: wire.Deref(b.Image), Fields: extra, RememberMe: remembers(b.RememberMe),
		CallbackURL: wire.Deref(b.CallbackURL)})
	if err != nil {
		return err
	}
	return f.kit.RespondSignedIn(c, wire.SignedIn{Token: res.Token, PersonID: res.PersonID, Remember: res.Remember,
		User: res.Synthetic})
}

// decodeWithFields decodes the body strictly; keys that are not struct
// fields are returned (as decoded JSON values) when they name an
// additional user field, or "email" (which update-user refuses with its
// own code). What the values may be is the use case's rule.
func (f *Feature) decodeWithFields(c echo.Context, dst any) (map[string]any, error) {
	raw, err := wire.DecodeExtra(c, dst, f.svc.AcceptsField)
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(raw))
	for k, v := range raw {
		var val any
		if err := json.Unmarshal(v, &val); err != nil {
			return nil, domain.Errorf(domain.CodeBadRequest, "Invalid JSON in request body")
		}
		out[k] = val
	}
	return out, nil
}
