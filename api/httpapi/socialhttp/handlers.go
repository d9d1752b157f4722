package socialhttp

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/authledger/authledger/api/cookies"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// stateCookie is the base name of the signed cookie binding a flow's
// state to the browser that started it.
const stateCookie = "state"

// stateLifetime is the cookie's Max-Age: the flow's own lifetime.
const stateLifetime = 10 * time.Minute

// defaultErrorURL is Better Auth's error page, where refusals go when the
// sign-in named no errorCallbackURL.
const defaultErrorURL = "/api/auth/error"

type signInBody struct {
	Provider           *string `json:"provider"`
	CallbackURL        *string `json:"callbackURL"`
	ErrorCallbackURL   *string `json:"errorCallbackURL"`
	NewUserCallbackURL *string `json:"newUserCallbackURL"`
	DisableRedirect    *bool   `json:"disableRedirect"`
	// Scopes are asked for besides the provider's configured ones.
	Scopes    []string `json:"scopes"`
	LoginHint *string  `json:"loginHint"`
	// RequestSignUp is accepted: sign-up through a provider is always
	// allowed, so asking for it changes nothing.
	RequestSignUp *bool `json:"requestSignUp"`
	// IDToken signs in with a token the client obtained itself (no
	// redirect).
	IDToken *idTokenBody `json:"idToken"`
}

// signIn starts a flow: {url, redirect} and the signed state cookie; with
// an idToken it signs in at once instead (see signInIDToken).
func (f *Feature) signIn(c echo.Context) error {
	var b signInBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if b.Provider == nil {
		return domain.Errorf(domain.CodeValidation, "[body.provider] Invalid input: expected string, received undefined")
	}
	if b.IDToken != nil {
		return f.signInIDToken(c, b)
	}
	in := social.StartInput{Caller: f.kit.Caller(c), ProviderID: *b.Provider, CallbackURL: wire.Deref(b.CallbackURL),
		ErrorCallbackURL: wire.Deref(b.ErrorCallbackURL), NewUserCallbackURL: wire.Deref(b.NewUserCallbackURL),
		Scopes: b.Scopes, LoginHint: wire.Deref(b.LoginHint)}
	if err := f.checkURLs([2]string{"callbackURL", in.CallbackURL}, [2]string{"errorCallbackURL", in.ErrorCallbackURL},
		[2]string{"newUserCallbackURL", in.NewUserCallbackURL}); err != nil {
		return err
	}
	res, err := f.svc.Start(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return f.started(c, res, b.DisableRedirect)
}

// checkURLs checks each named redirect URL against the trusted origins.
func (f *Feature) checkURLs(named ...[2]string) error {
	for _, u := range named {
		if err := f.kit.Origins.CheckURL(u[0], u[1]); err != nil {
			return err
		}
	}
	return nil
}

// started answers a started flow as Better Auth does: {url, redirect},
// with the flow's state in the signed state cookie.
func (f *Feature) started(c echo.Context, res social.StartResult, disableRedirect *bool) error {
	c.Response().Header().Add("Set-Cookie", f.kit.Cookies.SignedCookie(stateCookie, res.State, stateLifetime))
	return wire.OK(c, struct {
		URL      string `json:"url"`
		Redirect bool   `json:"redirect"`
	}{res.URL, disableRedirect == nil || !*disableRedirect})
}

// callback completes the flow and redirects: signed in to the callback
// URL with the session cookies, or refused to the error URL with
// ?error=<code>. The state cookie is spent either way.
func (f *Feature) callback(c echo.Context) error {
	q := c.QueryParams()
	cookieState, _ := cookies.ReadSigned(c.Request(), f.kit.Cookies, stateCookie)
	res, err := f.svc.Callback(c.Request().Context(), social.CallbackInput{Caller: f.kit.Caller(c),
		ProviderID: c.Param("id"), State: q.Get("state"), CookieState: cookieState, Code: q.Get("code"), Error: q.Get("error"),
		User: q.Get("user")})
	if err != nil {
		return err
	}
	c.Response().Header().Add("Set-Cookie", f.kit.Cookies.ExpireCookie(stateCookie))
	if res.Error != "" {
		return c.Redirect(http.StatusFound, withError(res.ErrorURL, res.Error))
	}
	if res.Token != "" { // a link flow keeps the browser's session
		f.kit.SetSessionCookies(c, res.Token, true)
	}
	return c.Redirect(http.StatusFound, res.Redirect)
}

// withError appends ?error=code (or &error=code) to the error URL.
func withError(to, code string) string {
	if to == "" {
		to = defaultErrorURL
	}
	sep := "?"
	if strings.Contains(to, "?") {
		sep = "&"
	}
	return to + sep + "error=" + url.QueryEscape(code)
}
