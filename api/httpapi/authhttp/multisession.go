package authhttp

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

type sessionTokenBody struct {
	SessionToken *string `json:"sessionToken"`
}

// deviceToken decodes {sessionToken} and returns the token of the device's
// signed multi-session cookie it names, or INVALID_SESSION_TOKEN.
// sessionToken is either the handle list-device-sessions showed for the
// session or, as with Better Auth, the session's own token; either way the
// device must hold the session's multi-session cookie.
func (f *Feature) deviceToken(c echo.Context, b sessionTokenBody) (string, error) {
	if err := wire.RequireStrings(map[string]*string{"sessionToken": b.SessionToken}); err != nil {
		return "", err
	}
	if tok, ok := cookies.ReadMulti(c.Request(), f.kit.Cookies, *b.SessionToken); ok {
		return tok, nil
	}
	if tok, ok := f.svc.DeviceSessionToken(cookies.MultiTokens(c.Request(), f.kit.Cookies), *b.SessionToken); ok {
		return tok, nil
	}
	return "", identity.ErrInvalidSessionToken
}

// setActiveSession (multiSession) makes one of the device's sessions the
// active one: its session cookie is set and {session, user} answered. An
// unusable one loses its multi-session cookie.
func (f *Feature) setActiveSession(c echo.Context) error {
	var b sessionTokenBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	tok, err := f.deviceToken(c, b)
	if err != nil {
		return err
	}
	a, err := f.svc.SetActiveDeviceSession(c.Request().Context(), tok, func() app.Caller { return f.kit.Caller(c) })
	if err != nil {
		if domain.CodeOf(err) == identity.CodeInvalidSessionToken {
			c.Response().Header().Add("Set-Cookie", f.kit.Cookies.ExpireMultiSessionCookie(tok))
		}
		return err
	}
	f.kit.SetSessionCookies(c, a.Token, !f.kit.DontRemember(c))
	return wire.WriteSessionAndUser(c, wire.SessionAndUser{Session: wire.ToSession(a.Session, a.Token), User: wire.ToUser(a.User)})
}

// revokeDeviceSession (multiSession) revokes one of the device's sessions
// and expires its multi-session cookie; when it was the active one, the
// next live session of the device becomes active, or the cookies clear.
func (f *Feature) revokeDeviceSession(c echo.Context) error {
	a, b, err := wire.SessionAndBody[sessionTokenBody](f.kit, c)
	if err != nil {
		return err
	}
	tok, err := f.deviceToken(c, b)
	if err != nil {
		return err
	}
	res, err := f.svc.RevokeDeviceSession(c.Request().Context(), identity.RevokeDeviceSessionInput{
		SessionInput: identity.SessionInput{Caller: f.kit.Caller(c), Session: a}, Target: tok,
		Device: cookies.MultiTokens(c.Request(), f.kit.Cookies)})
	if err != nil {
		return err
	}
	c.Response().Header().Add("Set-Cookie", f.kit.Cookies.ExpireMultiSessionCookie(tok))
	if res.Found {
		f.kit.SetSessionCookies(c, res.Next.Token, !f.kit.DontRemember(c))
	} else if res.WasActive {
		f.kit.ClearSessionCookies(c)
	}
	return wire.OK(c, map[string]bool{"status": true})
}
