package wire

import (
	"net/http"
	"net/netip"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/origin"
	"github.com/authledger/authledger/api/ratelimit"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// Kit is what the feature handlers share about the request's transport:
// cookie settings, trusted origins and proxies, and the session use cases
// that resolve the caller. The server builds one and hands it to every
// feature.
type Kit struct {
	Cookies        cookies.Config
	Origins        origin.Checker
	TrustedProxies []netip.Prefix
	Sessions       *sessions.Service
}

// ClientIP is the rate-limit and audit address: the peer, or the
// forwarded address when the peer is a trusted proxy.
func (k *Kit) ClientIP(c echo.Context) string {
	return ratelimit.ClientIP(c.Request(), k.TrustedProxies)
}

// Caller is where the request comes from, for the events it causes.
// A request made through an impersonation session also names the
// impersonating administrator, so the audit trail records both people.
func (k *Kit) Caller(c echo.Context) app.Caller {
	return app.Caller{RequestID: RequestID(c), IP: k.ClientIP(c), UserAgent: c.Request().UserAgent(),
		Impersonator: k.impersonator(c)}
}

// impersonator is the administrator behind the request's session when it
// is an impersonation session, "" otherwise.
func (k *Kit) impersonator(c echo.Context) string {
	if k.Sessions == nil {
		return ""
	}
	token, ok := k.RequestToken(c.Request())
	if !ok {
		return ""
	}
	a, found, _ := k.Sessions.Lookup(token)
	if !found {
		return ""
	}
	return a.Session.ImpersonatedBy
}

// RequestToken returns the session token of the request (cookie or
// bearer) and whether there is one.
func (k *Kit) RequestToken(r *http.Request) (string, bool) { return cookies.ParseRequest(r, k.Cookies) }

// OptionalSession returns the caller's live session, or nil when the
// request has none (or an expired one); unlike RequireSession it records
// and clears nothing, for routes that also serve anonymous callers.
func (k *Kit) OptionalSession(c echo.Context) *sessions.Authed {
	token, ok := k.RequestToken(c.Request())
	if !ok {
		return nil
	}
	a, found, expired := k.Sessions.Lookup(token)
	if !found || expired {
		return nil
	}
	return &a
}

// RequireSession returns the caller's live session or 401. An expired
// session is recorded (session.expired) and its cookies cleared.
func (k *Kit) RequireSession(c echo.Context) (sessions.Authed, error) {
	token, ok := k.RequestToken(c.Request())
	if !ok {
		return sessions.Authed{}, domain.ErrUnauthorized
	}
	a, found, expired := k.Sessions.Lookup(token)
	if !found {
		return sessions.Authed{}, domain.ErrUnauthorized
	}
	if expired {
		k.Sessions.Expire(c.Request().Context(), k.Caller(c), a)
		k.ClearSessionCookies(c)
		return sessions.Authed{}, domain.ErrSessionExpired
	}
	return a, nil
}

// SetSessionCookies sends the signed session cookie, the multi-session
// cookie and set-auth-token, as Better Auth does after every sign-in.
func (k *Kit) SetSessionCookies(c echo.Context, token string, rememberMe bool) {
	h := c.Response().Header()
	for _, v := range k.Cookies.SignInCookies(token, rememberMe) {
		h.Add("Set-Cookie", v)
	}
	h.Set("set-auth-token", k.Cookies.AuthToken(token))
	ExposeAuthToken(h)
}

// ExposeAuthToken lets a browser read set-auth-token, as Better Auth
// does, keeping what the CORS middleware already exposes on a
// cross-origin answer (the consistency token, the request id).
func ExposeAuthToken(h http.Header) {
	for _, v := range h.Values("Access-Control-Expose-Headers") {
		for _, name := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(name), "set-auth-token") {
				return
			}
		}
	}
	h.Add("Access-Control-Expose-Headers", "set-auth-token")
}

// ClearSessionCookies expires the session cookies.
func (k *Kit) ClearSessionCookies(c echo.Context) {
	for _, v := range k.Cookies.ExpireSessionCookies() {
		c.Response().Header().Add("Set-Cookie", v)
	}
}

// DontRemember reports whether the request carries a valid signed
// better-auth.dont_remember cookie (rememberMe:false sessions are not
// refreshed).
func (k *Kit) DontRemember(c echo.Context) bool {
	v, ok := cookies.ReadSigned(c.Request(), k.Cookies, cookies.DontRemember)
	return ok && v == "true"
}

// CheckCallback validates an optional callbackURL against the trusted
// origins.
func (k *Kit) CheckCallback(u *string) error {
	if u == nil {
		return nil
	}
	return k.Origins.CheckCallbackURL(*u)
}

// SignedIn is the answer of a completed sign-in.
type SignedIn struct {
	Token    string
	PersonID string
	Remember bool
	// User, when set, is answered instead of the person's (a sign-up's
	// made-up user, see identity.SignedIn.Synthetic).
	User *sessionindex.User
	// Redirect and URL are sign-in's extra keys (omitted when WithRedirect
	// is false, as on sign-up).
	WithRedirect bool
	Redirect     bool
	URL          string
}

// RespondSignedIn sets the session cookies and answers {token, user}
// (with redirect and url first for sign-in); without a token (a sign-up
// that must first prove its address) it sets none and answers token null.
func (k *Kit) RespondSignedIn(c echo.Context, in SignedIn) error {
	u, ok := k.Sessions.User(in.PersonID)
	if in.User != nil {
		u, ok = *in.User, true
	}
	if !ok {
		return domain.ErrUnavailable
	}
	if in.Token == "" { // a sign-up that must first prove its address
		return OK(c, struct {
			Token *string  `json:"token"`
			User  UserJSON `json:"user"`
		}{nil, ToUser(u)})
	}
	k.SetSessionCookies(c, in.Token, in.Remember)
	if !in.WithRedirect {
		return OK(c, struct {
			Token string   `json:"token"`
			User  UserJSON `json:"user"`
		}{in.Token, ToUser(u)})
	}
	var url *string
	if in.URL != "" {
		url = &in.URL
	}
	return OK(c, struct {
		Redirect bool     `json:"redirect"`
		URL      *string  `json:"url,omitempty"`
		Token    string   `json:"token"`
		User     UserJSON `json:"user"`
	}{in.Redirect, url, in.Token, ToUser(u)})
}

// SessionAndBody is the preamble of an authenticated handler with a body:
// the caller's live session (or 401), then the strictly decoded body.
func SessionAndBody[B any](k *Kit, c echo.Context) (sessions.Authed, B, error) {
	var b B
	a, err := k.RequireSession(c)
	if err != nil {
		return a, b, err
	}
	return a, b, Decode(c, &b)
}
