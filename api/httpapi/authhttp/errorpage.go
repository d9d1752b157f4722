package authhttp

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"regexp"

	"github.com/labstack/echo/v4"
)

//go:embed templates/error.html
var errorFS embed.FS

// errorPage is the error page template; html/template escapes whatever the
// query carries.
var errorPage = template.Must(template.ParseFS(errorFS, "templates/error.html"))

// safeErrorCode is the shape an error code must have to be shown as such
// (Better Auth's rule); anything else is shown as UNKNOWN.
var safeErrorCode = regexp.MustCompile(`^['A-Za-z0-9_-]+$`)

// errorPageCSP lets the page use its own inline style and nothing else.
const errorPageCSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// showError is Better Auth's GET /error: a 200 text/html page naming the
// error query parameter (UNKNOWN unless it looks like a code) and the
// error_description, both escaped. It changes nothing, so it calls no use
// case.
func showError(c echo.Context) error {
	code := c.QueryParam("error")
	if !safeErrorCode.MatchString(code) {
		code = "UNKNOWN"
	}
	var buf bytes.Buffer
	err := errorPage.Execute(&buf, struct{ Code, Description string }{code, c.QueryParam("error_description")})
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", errorPageCSP)
	return c.Blob(http.StatusOK, "text/html", buf.Bytes())
}
