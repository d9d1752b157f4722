package useradmin

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/ontology"
)

// ListUsersInput is list-users' query (Better Auth's names). Empty
// strings mean "not given"; FilterValues holds the filter value (several
// for in/not_in).
type ListUsersInput struct {
	Admin          Admin
	SearchField    string // email (default) or name
	SearchOperator string // contains (default), starts_with, ends_with
	SearchValue    string
	FilterField    string // a user field, default email
	FilterOperator string // eq (default), ne, lt, lte, gt, gte, in, not_in, contains, starts_with, ends_with
	FilterValues   []string
	SortBy         string
	SortDirection  string // asc (default) or desc
	Limit          int    // 0: all
	Offset         int
}

// UserPage is list-users' answer: one page and the number of matches.
type UserPage struct {
	Users  []sessionindex.User
	Total  int
	Limit  int
	Offset int
}

// ListUsers searches, filters, sorts and pages the people of the people
// read table (after it has applied every write this node acknowledged).
func (s *Service) ListUsers(ctx context.Context, in ListUsersInput) (UserPage, error) {
	if err := in.Admin.require("user", "list", ErrNotAllowedToList); err != nil {
		return UserPage{}, err
	}
	match, err := matcher(in)
	if err != nil {
		return UserPage{}, err
	}
	less, err := sorter(in.SortBy, in.SortDirection)
	if err != nil {
		return UserPage{}, err
	}
	if in.Limit < 0 || in.Offset < 0 {
		return UserPage{}, domain.Errorf(domain.CodeValidation, "limit and offset must not be negative")
	}
	all, err := s.people(ctx, pushDown(in))
	if err != nil {
		return UserPage{}, err
	}
	users := make([]sessionindex.User, 0, len(all))
	for _, u := range all {
		if match(u) {
			users = append(users, u)
		}
	}
	if less != nil {
		slices.SortStableFunc(users, less)
	}
	page := UserPage{Total: len(users), Limit: in.Limit, Offset: in.Offset}
	users = users[min(in.Offset, len(users)):]
	if in.Limit > 0 {
		users = users[:min(in.Limit, len(users))]
	}
	page.Users = users
	return page, nil
}

// people reads every person of the people table in its order (creation,
// then id), each as the session index renders them.
func (s *Service) people(ctx context.Context, where map[string]string) ([]sessionindex.User, error) {
	if err := s.app.Projected(ctx); err != nil {
		return nil, err
	}
	var out []sessionindex.User
	q := ontology.Query{Where: where, Limit: ontology.MaxLimit}
	for {
		page, err := s.app.Read.ListPeople(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Items {
			out = append(out, s.render(p))
		}
		if page.Next == "" {
			return out, nil
		}
		q.Cursor = page.Next
	}
}

// pushDown is the part of the filter the people table answers itself (an
// exact lower-case id or role), so the scan reads only those rows; the full
// predicate still runs on every row read.
func pushDown(in ListUsersInput) map[string]string {
	if len(in.FilterValues) != 1 || cmp.Or(in.FilterOperator, "eq") != "eq" ||
		in.FilterValues[0] != strings.ToLower(in.FilterValues[0]) { // the predicate ignores case, the table does not
		return nil
	}
	switch f := in.FilterField; f {
	case "id", "role":
		return map[string]string{f: in.FilterValues[0]}
	}
	return nil
}

// render is a people row as a user: the session index's copy (with the
// ban's reason and expiry) when it has one, else the row itself.
func (s *Service) render(p ontology.Person) sessionindex.User {
	if u, ok := s.sessions.User(p.ID); ok {
		return u
	}
	return sessionindex.User{ID: p.ID, Name: p.Name, Email: p.Email, Image: p.Image, EmailVerified: p.EmailVerified,
		Role: p.Role, Banned: p.Status == "banned", TwoFactorEnabled: p.TwoFactorEnabled,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
}

// field returns a user's value of a Better Auth user field as text (times
// in a sortable form) and whether the field is known.
func field(u sessionindex.User, name string) (string, bool) {
	switch name {
	case "id":
		return u.ID, true
	case "email":
		return u.Email, true
	case "name":
		return u.Name, true
	case "image":
		return u.Image, true
	case "role":
		return u.Role, true
	case "banned":
		return strconv.FormatBool(u.Banned), true
	case "emailVerified":
		return strconv.FormatBool(u.EmailVerified), true
	case "twoFactorEnabled":
		return strconv.FormatBool(u.TwoFactorEnabled), true
	case "banReason":
		return u.BanReason, true
	case "createdAt":
		return u.CreatedAt.UTC().Format(sortableTime), true
	case "updatedAt":
		return u.UpdatedAt.UTC().Format(sortableTime), true
	case "banExpires":
		if u.BanExpires.IsZero() {
			return "", true
		}
		return u.BanExpires.UTC().Format(sortableTime), true
	}
	return "", false
}

// sortableTime orders lexicographically like time.
const sortableTime = "2006-01-02T15:04:05.000Z"

// isTime reports whether the field holds a time.
func isTime(name string) bool {
	return name == "createdAt" || name == "updatedAt" || name == "banExpires"
}

// matcher builds the search-and-filter predicate; unknown fields or
// operators are a validation error.
func matcher(in ListUsersInput) (func(sessionindex.User) bool, error) {
	preds := []func(sessionindex.User) bool{}
	if in.SearchValue != "" {
		f := cmp.Or(in.SearchField, "email")
		if f != "email" && f != "name" {
			return nil, domain.Errorf(domain.CodeValidation, "[query.searchField] must be email or name")
		}
		op := cmp.Or(in.SearchOperator, "contains")
		if op != "contains" && op != "starts_with" && op != "ends_with" {
			return nil, domain.Errorf(domain.CodeValidation, "[query.searchOperator] must be contains, starts_with or ends_with")
		}
		p, err := predicate(f, op, []string{in.SearchValue})
		if err != nil {
			return nil, err
		}
		preds = append(preds, p)
	}
	if in.FilterValues != nil {
		p, err := predicate(cmp.Or(in.FilterField, "email"), cmp.Or(in.FilterOperator, "eq"), in.FilterValues)
		if err != nil {
			return nil, err
		}
		preds = append(preds, p)
	}
	return func(u sessionindex.User) bool {
		for _, p := range preds {
			if !p(u) {
				return false
			}
		}
		return true
	}, nil
}

// predicate compares one field with the value(s) by op. Text matching is
// case-insensitive; times compare as instants.
func predicate(name, op string, values []string) (func(sessionindex.User) bool, error) {
	if _, ok := field(sessionindex.User{}, name); !ok {
		return nil, domain.Errorf(domain.CodeValidation, "[query.filterField] unknown user field "+strconv.Quote(name))
	}
	want := make([]string, len(values))
	for i, v := range values {
		want[i] = strings.ToLower(v)
		if isTime(name) && v != "" {
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return nil, domain.Errorf(domain.CodeValidation, "[query.filterValue] expected a date")
			}
			want[i] = strings.ToLower(t.UTC().Format(sortableTime))
		}
	}
	if len(want) == 0 {
		return nil, domain.Errorf(domain.CodeValidation, "[query.filterValue] is required")
	}
	test, err := comparison(op, want)
	if err != nil {
		return nil, err
	}
	return func(u sessionindex.User) bool {
		v, _ := field(u, name)
		return test(strings.ToLower(v))
	}, nil
}

// comparison is Better Auth's where operators over text values.
func comparison(op string, want []string) (func(string) bool, error) {
	w := want[0]
	switch op {
	case "eq":
		return func(v string) bool { return v == w }, nil
	case "ne":
		return func(v string) bool { return v != w }, nil
	case "lt":
		return func(v string) bool { return v < w }, nil
	case "lte":
		return func(v string) bool { return v <= w }, nil
	case "gt":
		return func(v string) bool { return v > w }, nil
	case "gte":
		return func(v string) bool { return v >= w }, nil
	case "in":
		return func(v string) bool { return slices.Contains(want, v) }, nil
	case "not_in":
		return func(v string) bool { return !slices.Contains(want, v) }, nil
	case "contains":
		return func(v string) bool { return strings.Contains(v, w) }, nil
	case "starts_with":
		return func(v string) bool { return strings.HasPrefix(v, w) }, nil
	case "ends_with":
		return func(v string) bool { return strings.HasSuffix(v, w) }, nil
	}
	return nil, domain.Errorf(domain.CodeValidation, "[query.filterOperator] unknown operator "+strconv.Quote(op))
}

// sorter orders users by a field (nil: the table's own order).
func sorter(by, dir string) (func(a, b sessionindex.User) int, error) {
	if by == "" {
		return nil, nil
	}
	if _, ok := field(sessionindex.User{}, by); !ok {
		return nil, domain.Errorf(domain.CodeValidation, "[query.sortBy] unknown user field "+strconv.Quote(by))
	}
	sign := 1
	switch dir {
	case "", "asc":
	case "desc":
		sign = -1
	default:
		return nil, domain.Errorf(domain.CodeValidation, "[query.sortDirection] must be asc or desc")
	}
	return func(a, b sessionindex.User) int {
		x, _ := field(a, by)
		y, _ := field(b, by)
		return sign * strings.Compare(strings.ToLower(x), strings.ToLower(y))
	}, nil
}
