package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/labstack/echo/v4"
)

// ontologyRoutes serves the six dimensions to analysts behind the admin key:
// GET /v1/ontology/<dimension>?<filter>=…&cursor=…&limit=…
func (s *Server) ontologyRoutes() []route {
	r := s.cfg.Read
	return []route{
		{Method: "GET", Path: "/ontology/groups", Handler: listHandler(s, r.ListGroups)},
		{Method: "GET", Path: "/ontology/people", Handler: listHandler(s, r.ListPeople)},
		{Method: "GET", Path: "/ontology/things", Handler: listHandler(s, r.ListThings)},
		{Method: "GET", Path: "/ontology/connections", Handler: listHandler(s, r.ListConnections)},
		{Method: "GET", Path: "/ontology/events", Handler: listHandler(s, r.ListEvents)},
		{Method: "GET", Path: "/ontology/knowledge", Handler: listHandler(s, r.ListKnowledge)},
	}
}

// listHandler adapts one Reader method: query parameters other than cursor
// and limit are filters (validated by the read store); an
// X-Consistency-Token makes the read wait until the projections reach it.
func listHandler[T any](s *Server, list func(context.Context, ontology.Query) (ontology.Page[T], error)) echo.HandlerFunc {
	return func(c echo.Context) error {
		q := ontology.Query{Where: map[string]string{}}
		params, err := url.ParseQuery(c.Request().URL.RawQuery)
		if err != nil {
			return domain.Errorf(domain.CodeValidation, "malformed query string")
		}
		for k, vs := range params {
			if len(vs) != 1 {
				return domain.Errorf(domain.CodeValidation, "query parameter "+strconv.Quote(k)+" must appear once")
			}
			switch k {
			case "cursor":
				q.Cursor = vs[0]
			case "limit":
				n, err := strconv.Atoi(vs[0])
				if err != nil {
					return domain.Errorf(domain.CodeValidation, "limit must be an integer")
				}
				q.Limit = n
			default:
				q.Where[k] = vs[0]
			}
		}
		if err := s.waitForToken(c); err != nil {
			return err
		}
		page, err := list(c.Request().Context(), q)
		if err != nil {
			return err
		}
		if page.Items == nil {
			page.Items = []T{}
		}
		return writeJSON(c, http.StatusOK, page)
	}
}

// waitForToken honours X-Consistency-Token (read-your-writes), bounded.
func (s *Server) waitForToken(c echo.Context) error {
	tok := c.Request().Header.Get("X-Consistency-Token")
	if tok == "" || s.cfg.Projections == nil {
		return nil
	}
	pos, err := eventstore.ParsePosition(tok)
	if err != nil {
		return domain.Errorf(domain.CodeValidation, "malformed X-Consistency-Token")
	}
	ctx, cancel := context.WithTimeout(c.Request().Context(), s.cfg.WaitTimeout)
	defer cancel()
	if err := s.cfg.Projections.WaitFor(ctx, pos); err != nil {
		c.Response().Header().Set("Retry-After", strconv.Itoa(int(time.Second.Seconds())))
		return domain.Errorf(domain.CodeUnavailable, "projections have not reached the consistency token yet")
	}
	return nil
}
