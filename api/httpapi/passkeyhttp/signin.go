package passkeyhttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/passkeys"
	"github.com/labstack/echo/v4"
)

// authenticationBody is the body of verify-authentication.
type authenticationBody struct {
	Response json.RawMessage `json:"response"`
}

// authenticateOptions answers the request options of a discoverable
// sign-in and sets the challenge cookie.
func (f *Feature) authenticateOptions(c echo.Context) error {
	start, err := f.svc.SignInOptions(c.Request().Context())
	if err != nil {
		return err
	}
	if err := f.setCeremony(c, start.Ceremony); err != nil {
		return err
	}
	return wire.OK(c, start.Options)
}

// verifyAuthentication verifies an assertion against the challenge
// cookie, opens a remembered session and answers it as get-session does.
func (f *Feature) verifyAuthentication(c echo.Context) error {
	var b authenticationBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if err := requireResponse(b.Response); err != nil {
		return err
	}
	cer, err := f.readCeremony(c)
	if err != nil {
		return err
	}
	a, err := f.svc.SignIn(c.Request().Context(), passkeys.SignInInput{Caller: f.kit.Caller(c), Ceremony: cer, Response: b.Response})
	if err != nil {
		return err
	}
	f.clearCeremony(c)
	f.kit.SetSessionCookies(c, a.Token, true)
	return wire.WriteSessionAndUser(c, wire.SessionAndUser{Session: wire.ToSession(a.Session, a.Token), User: wire.ToUser(a.User)})
}
