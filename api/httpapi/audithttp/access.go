package audithttp

import (
	"net/http"

	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// accessReview is GET /v1/audit/access-review?as_of=…[&organization=ID|slug]
// [&format=json|ndjson|csv]: who could sign in and who held which role at
// the bound, folded from the log. The report is computed before anything
// is written, so a refusal is a JSON error whatever the format.
func (f *Feature) accessReview(c echo.Context) error {
	params, err := singleParams(c, "only as_of, organization and format (once each) are accepted", "as_of", "organization", "format")
	if err != nil {
		return err
	}
	at, err := compliance.ParseBound("as_of", params.Get("as_of"))
	if err != nil {
		return err
	}
	format := compliance.Format(params.Get("format"))
	if format == "" {
		format = acceptFormat(c.Request().Header.Get("Accept"))
	}
	if format != compliance.FormatJSON && format != compliance.FormatNDJSON && format != compliance.FormatCSV {
		return domain.Errorf(domain.CodeValidation, "format must be json, ndjson or csv")
	}
	rep, err := f.svc.AccessReview(c.Request().Context(), compliance.AccessReviewInput{Reader: f.reader(c), At: at,
		Organization: params.Get("organization")})
	if err != nil {
		return err
	}
	if format == compliance.FormatJSON {
		return wire.OK(c, rep)
	}
	h := c.Response().Header()
	h.Set("Content-Type", "application/x-ndjson")
	if format == compliance.FormatCSV {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="access-review.csv"`)
	}
	c.Response().WriteHeader(http.StatusOK)
	return compliance.WriteAccessReview(c.Response(), rep, format)
}
