package socialhttp

import (
	"errors"
	"net/http"
	"time"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/social"
	"github.com/labstack/echo/v4"
)

// idTokenBody is sign-in/social's idToken: the ID token, the nonce it was
// asked with, and the provider's other tokens when the client has them
// (expiresAt since the epoch: in seconds below 10^11, else in
// milliseconds, as a JavaScript Date's getTime()). user is what Apple hands a native app on the
// first sign-in; it is accepted and not used (the ID token is the truth).
type idTokenBody struct {
	Token        *string      `json:"token"`
	Nonce        *string      `json:"nonce"`
	AccessToken  *string      `json:"accessToken"`
	RefreshToken *string      `json:"refreshToken"`
	ExpiresAt    *float64     `json:"expiresAt"`
	User         *idTokenUser `json:"user"`
}

// idTokenUser is Apple's first-sign-in user object.
type idTokenUser struct {
	Name *struct {
		FirstName *string `json:"firstName"`
		LastName  *string `json:"lastName"`
	} `json:"name"`
	Email *string `json:"email"`
}

// signInIDToken signs in with the body's ID token and answers as Better
// Auth: {redirect:false, token, user} with the session cookies. An ID
// token that does not verify is a 401 INVALID_TOKEN.
func (f *Feature) signInIDToken(c echo.Context, b signInBody) error {
	if err := f.checkURLs([2]string{"callbackURL", wire.Deref(b.CallbackURL)},
		[2]string{"newUserCallbackURL", wire.Deref(b.NewUserCallbackURL)}); err != nil {
		return err
	}
	in := social.IDTokenInput{Caller: f.kit.Caller(c), ProviderID: *b.Provider, Token: wire.Deref(b.IDToken.Token),
		Nonce: wire.Deref(b.IDToken.Nonce), AccessToken: wire.Deref(b.IDToken.AccessToken),
		RefreshToken: wire.Deref(b.IDToken.RefreshToken), CallbackURL: wire.Deref(b.CallbackURL),
		NewUserCallbackURL: wire.Deref(b.NewUserCallbackURL)}
	if b.IDToken.ExpiresAt != nil && *b.IDToken.ExpiresAt > 0 {
		in.ExpiresAt = epoch(*b.IDToken.ExpiresAt)
	}
	res, err := f.svc.SignInIDToken(c.Request().Context(), in)
	if errors.Is(err, social.ErrInvalidIDToken) {
		return wire.WriteJSON(c, http.StatusUnauthorized, errorBody{Message: "Invalid token", Code: "INVALID_TOKEN"})
	}
	if err != nil {
		return err
	}
	return f.kit.RespondSignedIn(c, wire.SignedIn{Token: res.Token, PersonID: res.PersonID, Remember: true,
		WithRedirect: true, Redirect: false})
}

// errorBody is Better Auth's error shape, keys in its order (for the
// answers whose status differs from the code's elsewhere).
type errorBody struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

// epoch reads a time since the epoch given in seconds (below 10^11, which
// is the year 5138) or in milliseconds.
func epoch(v float64) time.Time {
	if v < 1e11 {
		return time.Unix(int64(v), 0).UTC()
	}
	return time.UnixMilli(int64(v)).UTC()
}
