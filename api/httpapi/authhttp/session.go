package authhttp

import (
	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/identity"
	"github.com/labstack/echo/v4"
)

// getSession answers {session, user} or null. A session cookie that does
// not verify (forged, tampered, unsigned) or names an unknown, revoked or
// expired session gets null and expiring cookies, as Better Auth answers;
// a refreshed session gets fresh cookies.
func (f *Feature) getSession(c echo.Context) error {
	token, ok := f.kit.RequestToken(c.Request())
	if !ok {
		f.clearPresentedSessionCookie(c)
		return wire.OK(c, nil)
	}
	disable := c.Request().URL.RawQuery != "" && c.QueryParam("disableRefresh") == "true" // parsing an empty query allocates
	res, err := f.svc.GetSession(c.Request().Context(), identity.GetSessionInput{Token: token,
		DisableRefresh: disable, DontRemember: !disable && f.kit.DontRemember(c)}, func() app.Caller { return f.kit.Caller(c) })
	if err != nil {
		return err
	}
	if !res.Found {
		f.clearPresentedSessionCookie(c)
		return wire.OK(c, nil)
	}
	if res.Refreshed {
		f.kit.SetSessionCookies(c, token, true)
	}
	return wire.WriteSessionAndUser(c, wire.SessionAndUser{Session: wire.ToSession(res.Session, token), User: wire.ToUser(res.User)})
}

// clearPresentedSessionCookie expires the session cookies when the request
// carries a session cookie (a bearer-only caller has none to expire).
func (f *Feature) clearPresentedSessionCookie(c echo.Context) {
	if _, err := c.Cookie(f.kit.Cookies.Name(cookies.SessionToken)); err == nil {
		f.kit.ClearSessionCookies(c)
	}
}

// listSessions answers the caller's live sessions. The caller's own entry
// carries the token the caller presented (so a client finds its current
// session by get-session's session.token); every other entry carries the
// session's opaque handle (its id), which revoke-session accepts: raw
// tokens of other sessions are never stored, so never shown.
func (f *Feature) listSessions(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	out := []wire.SessionJSON{}
	for _, sess := range f.svc.ListSessions(c.Request().Context(), a) {
		if sess.ImpersonatedBy != "" { // the admin plugin hides impersonation sessions here
			continue
		}
		handle := sess.ID
		if sess.ID == a.Session.ID {
			handle = a.Token
		}
		out = append(out, wire.ToSession(sess, handle))
	}
	return wire.OK(c, out)
}

// listDeviceSessions (multiSession) answers the live sessions of the
// better-auth.session_token_multi-* cookies, one per person. As in
// list-sessions, only the entry of the caller's active session carries
// its token; every other entry carries the session's handle (its id),
// which set-active and revoke accept from this device: a listing read by
// page script never hands out live tokens of other sessions.
func (f *Feature) listDeviceSessions(c echo.Context) error {
	active, _ := f.kit.RequestToken(c.Request())
	out := []wire.SessionAndUser{}
	for _, a := range f.svc.ListDeviceSessions(c.Request().Context(), cookies.MultiTokens(c.Request(), f.kit.Cookies)) {
		handle := a.Session.ID
		if active != "" && a.Token == active {
			handle = a.Token
		}
		out = append(out, wire.SessionAndUser{Session: wire.ToSession(a.Session, handle), User: wire.ToUser(a.User)})
	}
	return wire.OK(c, out)
}
