package authhttp

import (
	"context"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// signOut revokes the caller's session and clears its cookies.
func (f *Feature) signOut(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return domain.Errorf(wire.CodeFailedToGetSession, "Failed to get session")
	}
	if err := f.svc.SignOut(c.Request().Context(), identity.SessionInput{Caller: f.kit.Caller(c), Session: a}); err != nil {
		return err
	}
	f.kit.ClearSessionCookies(c)
	return wire.OK(c, map[string]bool{"success": true})
}

type revokeSessionBody struct {
	Token *string `json:"token"`
}

// revokeSession revokes one of the caller's sessions, named by its handle
// or its token.
func (f *Feature) revokeSession(c echo.Context) error {
	a, b, err := wire.SessionAndBody[revokeSessionBody](f.kit, c)
	if err != nil {
		return err
	}
	if b.Token == nil || *b.Token == "" {
		return domain.Errorf(domain.CodeValidation, "[body.token] Invalid input: expected string, received undefined")
	}
	in := identity.RevokeSessionInput{SessionInput: identity.SessionInput{Caller: f.kit.Caller(c), Session: a}, Target: *b.Token}
	if err := f.svc.RevokeSession(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}

// revokeSessions revokes every session of the caller, this one included.
func (f *Feature) revokeSessions(c echo.Context) error {
	return f.revokeMany(c, f.svc.RevokeSessions)
}

// revokeOtherSessions revokes every session of the caller but this one.
func (f *Feature) revokeOtherSessions(c echo.Context) error {
	return f.revokeMany(c, f.svc.RevokeOtherSessions)
}

// revokeMany runs a revocation of the caller's sessions and answers
// {status: true}.
func (f *Feature) revokeMany(c echo.Context, revoke func(context.Context, identity.SessionInput) error) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	if err := revoke(c.Request().Context(), identity.SessionInput{Caller: f.kit.Caller(c), Session: a}); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"status": true})
}
