package useradminhttp

import (
	"strings"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/labstack/echo/v4"
)

// adminSessionCookie is the base name of the signed cookie that keeps the
// administrator's own session token while they impersonate someone
// ("<token>:<dont_remember>", as Better Auth writes it).
const adminSessionCookie = "admin_session"

// listUserSessions is POST /admin/list-user-sessions → {sessions}; each
// session's token is its opaque handle (raw tokens are never stored),
// which revoke-user-session accepts.
func (f *Feature) listUserSessions(c echo.Context) error {
	in, err := f.userInput(c)
	if err != nil {
		return err
	}
	list, err := f.svc.ListUserSessions(c.Request().Context(), in)
	if err != nil {
		return err
	}
	out := make([]wire.SessionJSON, 0, len(list))
	for _, s := range list {
		out = append(out, wire.ToSession(s, s.ID))
	}
	return wire.OK(c, map[string][]wire.SessionJSON{"sessions": out})
}

// revokeUserSessionBody names one session by handle or token.
type revokeUserSessionBody struct {
	SessionToken *string `json:"sessionToken"`
}

// revokeUserSession is POST /admin/revoke-user-session → {success: true}.
func (f *Feature) revokeUserSession(c echo.Context) error {
	a, b, err := adminAndBody[revokeUserSessionBody](f, c)
	if err != nil {
		return err
	}
	if err := wire.RequireStrings(map[string]*string{"sessionToken": b.SessionToken}); err != nil {
		return err
	}
	in := useradmin.RevokeUserSessionInput{Admin: a, SessionToken: *b.SessionToken}
	if err := f.svc.RevokeUserSession(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"success": true})
}

// revokeUserSessions is POST /admin/revoke-user-sessions → {success: true}.
func (f *Feature) revokeUserSessions(c echo.Context) error {
	in, err := f.userInput(c)
	if err != nil {
		return err
	}
	if err := f.svc.RevokeUserSessions(c.Request().Context(), in); err != nil {
		return err
	}
	return wire.OK(c, map[string]bool{"success": true})
}

// impersonateUser is POST /admin/impersonate-user → {session, user}: the
// caller's cookies now carry the impersonation session (a browser-session
// cookie), and admin_session keeps their own.
func (f *Feature) impersonateUser(c echo.Context) error {
	in, err := f.userInput(c)
	if err != nil {
		return err
	}
	imp, err := f.svc.Impersonate(c.Request().Context(), in)
	if err != nil {
		return err
	}
	dontRemember := ""
	if f.kit.DontRemember(c) {
		dontRemember = "true"
	}
	h := c.Response().Header()
	cfg := f.kit.Cookies
	maxAge := cfg.MaxAge
	if maxAge <= 0 {
		maxAge = cookies.DefaultMaxAge
	}
	h.Add("Set-Cookie", cfg.SignedCookie(adminSessionCookie, in.Admin.Session.Token+":"+dontRemember, maxAge))
	h.Add("Set-Cookie", cfg.SessionCookie(imp.Token, false))
	h.Add("Set-Cookie", cfg.DontRememberCookie())
	h.Set("set-auth-token", cfg.AuthToken(imp.Token))
	wire.ExposeAuthToken(h)
	return wire.WriteSessionAndUser(c, wire.SessionAndUser{Session: wire.ToSession(imp.Session, imp.Token),
		User: wire.AdminUser(imp.User)})
}

// stopImpersonating is POST /admin/stop-impersonating → {session, user}
// of the administrator, whose session cookie comes back; the
// impersonation session ends and admin_session is cleared.
func (f *Feature) stopImpersonating(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	raw, _ := cookies.ReadSigned(c.Request(), f.kit.Cookies, adminSessionCookie)
	token, dontRemember, _ := strings.Cut(raw, ":")
	back, err := f.svc.StopImpersonating(c.Request().Context(), useradmin.StopInput{Session: a, Caller: f.kit.Caller(c),
		AdminToken: token})
	if err != nil {
		return err
	}
	remember := dontRemember == ""
	h := c.Response().Header()
	for _, v := range f.kit.Cookies.SignInCookies(back.Token, remember) {
		h.Add("Set-Cookie", v)
	}
	if remember {
		h.Add("Set-Cookie", f.kit.Cookies.ExpireCookie(cookies.DontRemember))
	}
	h.Add("Set-Cookie", f.kit.Cookies.ExpireCookie(adminSessionCookie))
	h.Set("set-auth-token", f.kit.Cookies.AuthToken(back.Token))
	wire.ExposeAuthToken(h)
	return wire.WriteSessionAndUser(c, wire.SessionAndUser{Session: wire.ToSession(back.Session, back.Token),
		User: wire.AdminUser(back.User)})
}
