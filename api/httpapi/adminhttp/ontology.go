package adminhttp

import (
	"context"
	"net/url"
	"strconv"

	"github.com/authledger/authledger/api/admin"
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/labstack/echo/v4"
)

// list adapts one dimension's use case: query parameters other than
// cursor and limit are filters (validated by the read store); an
// X-Consistency-Token makes the read wait until the projections reach it.
func list[T any](f *Feature, read func(context.Context, admin.ListInput) (ontology.Page[T], error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		q, err := parseQuery(c.Request().URL.RawQuery)
		if err != nil {
			return err
		}
		after, err := eventstore.ParsePosition(c.Request().Header.Get("X-Consistency-Token"))
		if err != nil {
			return domain.Errorf(domain.CodeValidation, "malformed X-Consistency-Token")
		}
		page, err := read(c.Request().Context(), admin.ListInput{Query: q, After: after})
		if err != nil {
			return err
		}
		return wire.OK(c, page)
	}
}

// parseQuery reads cursor, limit and the filters, each once.
func parseQuery(raw string) (ontology.Query, error) {
	q := ontology.Query{Where: map[string]string{}}
	params, err := url.ParseQuery(raw)
	if err != nil {
		return q, domain.Errorf(domain.CodeValidation, "malformed query string")
	}
	for k, vs := range params {
		if len(vs) != 1 {
			return q, domain.Errorf(domain.CodeValidation, "query parameter "+strconv.Quote(k)+" must appear once")
		}
		switch k {
		case "cursor":
			q.Cursor = vs[0]
		case "limit":
			if q.Limit, err = strconv.Atoi(vs[0]); err != nil {
				return q, domain.Errorf(domain.CodeValidation, "limit must be an integer")
			}
		default:
			q.Where[k] = vs[0]
		}
	}
	return q, nil
}
