package httpapi

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/group"
	"github.com/labstack/echo/v4"
)

// membersPage is list-members' answer.
type membersPage struct {
	Members []memberJSON `json:"members"`
	Total   int          `json:"total"`
}

// listParams are list-members' paging, sorting and filtering options.
type listParams struct {
	limit, offset         int
	sortBy, desc          string
	field, value, operand string
}

func parseListParams(c echo.Context) (listParams, error) {
	p := listParams{limit: 100, sortBy: c.QueryParam("sortBy"), desc: c.QueryParam("sortDirection"),
		field: c.QueryParam("filterField"), value: c.QueryParam("filterValue"), operand: c.QueryParam("filterOperator")}
	for name, dst := range map[string]*int{"limit": &p.limit, "offset": &p.offset} {
		if v := c.QueryParam(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 100_000 {
				return p, domain.Errorf(domain.CodeValidation, "[query."+name+"] Invalid input: expected number")
			}
			*dst = n
		}
	}
	if p.operand == "" {
		p.operand = "eq"
	}
	if !slices.Contains([]string{"", "createdAt", "role", "userId", "id"}, p.sortBy) ||
		!slices.Contains([]string{"", "asc", "desc"}, p.desc) ||
		!slices.Contains([]string{"", "role", "userId", "id"}, p.field) ||
		!slices.Contains([]string{"eq", "ne", "contains", "in"}, p.operand) {
		return p, domain.Errorf(domain.CodeValidation, "[query] Invalid sort or filter")
	}
	return p, nil
}

// listMembers pages an organization's members (users joined from the
// in-memory index) for one of its members. The membership check and the
// rows both come from the organization's stream, folded incrementally.
func (o *orgs) listMembers(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	p, err := parseListParams(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	id, err := o.target(ctx, a, query(c, "organizationId"), query(c, "organizationSlug"))
	if err != nil {
		return err
	}
	st, version, err := o.groupState(ctx, id)
	if err != nil {
		return err
	}
	if !st.Active() {
		return group.ErrOrganizationNotFound
	}
	if _, ok := st.MemberOf(a.user.ID); !ok {
		return group.ErrNotAMemberOfThisGroup
	}
	members := o.sortedMembers(st, version) // shared: copied before any change
	if p.field != "" {
		members = slices.DeleteFunc(slices.Clone(members), func(m group.Member) bool { return !p.match(m) })
	}
	if p.sortBy != "" && p.sortBy != "createdAt" {
		members = slices.Clone(members)
		slices.SortStableFunc(members, func(x, y group.Member) int { return cmp.Compare(p.key(x), p.key(y)) })
	}
	if p.desc == "desc" {
		members = slices.Clone(members)
		slices.Reverse(members)
	}
	out := membersPage{Members: []memberJSON{}, Total: len(members)}
	for _, m := range members[min(p.offset, len(members)):min(p.offset+p.limit, len(members))] {
		out.Members = append(out.Members, o.withUser(toMember(id, m)))
	}
	return ok200(c, out)
}

func (p listParams) key(m group.Member) string {
	switch p.sortBy {
	case "role":
		return m.Role
	case "userId":
		return m.PersonID
	}
	return m.ID
}

func (p listParams) match(m group.Member) bool {
	v := map[string]string{"role": m.Role, "userId": m.PersonID, "id": m.ID}[p.field]
	switch p.operand {
	case "ne":
		return v != p.value
	case "contains":
		return strings.Contains(v, p.value)
	case "in":
		return slices.Contains(strings.Split(p.value, ","), v)
	}
	return v == p.value
}

// personFor canonicalizes an email and finds its person ("" if none).
func (o *orgs) personFor(c echo.Context, addr string) (string, error) {
	canon, err := email.Canonicalize(addr)
	if err != nil {
		return "", err
	}
	return o.personByEmail(c.Request().Context(), canon)
}
