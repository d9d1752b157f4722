package orghttp

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// roleParam accepts "admin", "admin,member" or ["admin","member"].
func roleParam(raw json.RawMessage) (string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return one, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err == nil && len(many) > 0 {
		return strings.Join(many, ","), nil
	}
	return "", domain.Errorf(domain.CodeValidation, "[body.role] Invalid input")
}

// maxPaging bounds limit and offset.
const maxPaging = 100_000

// listParams decodes list-members' paging, sorting and filtering query;
// the use case checks the sort and filter values.
func listParams(c echo.Context) (orgs.ListMembersInput, error) {
	in := orgs.ListMembersInput{Limit: orgs.DefaultMembersPage, SortBy: c.QueryParam("sortBy"),
		SortDirection: c.QueryParam("sortDirection"), FilterField: c.QueryParam("filterField"),
		FilterValue: c.QueryParam("filterValue"), FilterOperator: c.QueryParam("filterOperator")}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"limit", &in.Limit}, {"offset", &in.Offset}} {
		if v := c.QueryParam(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > maxPaging {
				return in, domain.Errorf(domain.CodeValidation, "[query."+p.name+"] Invalid input: expected number")
			}
			*p.dst = n
		}
	}
	return in, nil
}
