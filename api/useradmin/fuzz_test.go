package useradmin_test

import (
	"context"
	"errors"
	"testing"

	"github.com/authledger/authledger/api/useradmin"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
)

// FuzzListUsers: whatever list-users query a client sends, the answer is
// a page or a validation error, never a panic or another failure, and a
// page never holds more than asked.
func FuzzListUsers(f *testing.F) {
	f.Add("email", "contains", "example", "role", "eq", "admin", "name", "desc", 2, 1)
	f.Add("name", "starts_with", "", "createdAt", "gt", "2026-11-27T09:00:00Z", "createdAt", "asc", 0, 0)
	f.Add("role", "like", "x", "banned", "in", "true", "passwordHash", "up", -1, 5)
	fx := newFixture(f)
	ada := fx.grant(fx.signUp("ada@example.com", "Ada"), person.RoleAdmin)
	fx.signUp("bob@example.org", "Bob")
	f.Fuzz(func(t *testing.T, sf, so, sv, ff, fo, fv, sortBy, dir string, limit, offset int) {
		in := useradmin.ListUsersInput{Admin: ada, SearchField: sf, SearchOperator: so, SearchValue: sv, FilterField: ff,
			FilterOperator: fo, SortBy: sortBy, SortDirection: dir, Limit: limit, Offset: offset}
		if fv != "" {
			in.FilterValues = []string{fv}
		}
		page, err := fx.svc.ListUsers(context.Background(), in)
		if err != nil {
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.CodeValidation {
				t.Fatalf("error %v", err)
			}
			return
		}
		if limit > 0 && len(page.Users) > limit || page.Total > 2 {
			t.Fatalf("page %d users of %d for limit %d", len(page.Users), page.Total, limit)
		}
	})
}
