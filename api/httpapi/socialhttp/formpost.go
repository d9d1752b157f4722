package socialhttp

import (
	"mime"
	"net/http"
	"net/url"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/social"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// formPostParams are the parameters of a form_post callback passed on to
// the GET callback, each with its size bound: a larger value is dropped
// (the GET callback then refuses the flow, or, for Apple's user JSON,
// signs in without the name). Of the user JSON only the name goes on.
var formPostParams = map[string]int{"code": 2048, "state": 512, "error": 256, "error_description": 1024,
	"user": social.MaxAppleUser}

// formPostRoute is POST /callback/:id, the answer of a provider using
// response_mode=form_post (Apple): a cross-site, form-encoded POST. It is
// exempt from the origin and JSON checks (wire.Route.FormPost) because it
// changes nothing: like Better Auth it redirects (303) to the GET callback
// with the form's parameters in the query. That top-level GET carries the
// flow's state cookie (SameSite=Lax, which a cross-site POST does not
// send), so the flow is completed there, bound to the browser as usual.
func (f *Feature) formPostRoute() wire.Route {
	return wire.Route{Method: "POST", Path: "/callback/:id", Handler: f.formPostCallback, FormPost: true}
}

// formPostCallback redirects a form_post answer to the GET callback.
// Query parameters count too (they win, as in Better Auth).
func (f *Feature) formPostCallback(c echo.Context) error {
	form := url.Values{}
	if body := wire.Body(c); len(body) > 0 {
		mt, _, err := mime.ParseMediaType(c.Request().Header.Get("Content-Type"))
		if err != nil || mt != "application/x-www-form-urlencoded" {
			return domain.Errorf(domain.CodeBadRequest, "the callback takes a form (application/x-www-form-urlencoded)")
		}
		if form, err = url.ParseQuery(string(body)); err != nil {
			return domain.Errorf(domain.CodeBadRequest, "malformed form")
		}
	}
	out := url.Values{}
	for _, src := range []url.Values{form, c.QueryParams()} {
		for k, limit := range formPostParams {
			v := src.Get(k)
			if k == "user" {
				v = social.FormPostUser(v)
			}
			if v != "" && len(v) <= limit {
				out.Set(k, v)
			}
		}
	}
	to := "/api/auth/callback/" + url.PathEscape(c.Param("id"))
	if len(out) > 0 {
		to += "?" + out.Encode()
	}
	return c.Redirect(http.StatusSeeOther, to)
}
