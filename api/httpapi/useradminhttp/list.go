package useradminhttp

import (
	"strconv"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// listAnswer is list-users' answer; limit and offset only when asked.
type listAnswer struct {
	Users  []wire.UserJSON `json:"users"`
	Total  int             `json:"total"`
	Limit  *int            `json:"limit,omitempty"`
	Offset *int            `json:"offset,omitempty"`
}

// listUsers is GET /admin/list-users → {users, total, limit, offset}.
func (f *Feature) listUsers(c echo.Context) error {
	a, err := f.admin(c)
	if err != nil {
		return err
	}
	q := c.QueryParams()
	limit, err := count(q.Get("limit"), "limit")
	if err != nil {
		return err
	}
	offset, err := count(q.Get("offset"), "offset")
	if err != nil {
		return err
	}
	in := useradmin.ListUsersInput{Admin: a, SearchField: q.Get("searchField"), SearchOperator: q.Get("searchOperator"),
		SearchValue: q.Get("searchValue"), FilterField: q.Get("filterField"), FilterOperator: q.Get("filterOperator"),
		SortBy: q.Get("sortBy"), SortDirection: q.Get("sortDirection"), Limit: limit, Offset: offset}
	if vs, ok := q["filterValue"]; ok {
		in.FilterValues = vs
	}
	page, err := f.svc.ListUsers(c.Request().Context(), in)
	if err != nil {
		return err
	}
	out := listAnswer{Users: make([]wire.UserJSON, 0, len(page.Users)), Total: page.Total}
	for _, u := range page.Users {
		out.Users = append(out.Users, wire.AdminUser(u))
	}
	if limit > 0 {
		out.Limit = &limit
	}
	if offset > 0 {
		out.Offset = &offset
	}
	return wire.OK(c, out)
}

// count parses an optional non-negative integer query value.
func count(v, name string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, domain.Errorf(domain.CodeValidation, "[query."+name+"] expected a non-negative integer")
	}
	return n, nil
}
