package orgs

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
)

// DefaultMembersPage is list-members' page size when none is asked for.
const DefaultMembersPage = 100

// ListMembersInput pages, sorts and filters an organization's members.
type ListMembersInput struct {
	Authed sessions.Authed
	Target Target
	Limit  int // rows per page (DefaultMembersPage when the caller asks for none)
	Offset int
	// SortBy is "", createdAt, role, userId or id (default: oldest first);
	// SortDirection "", asc or desc.
	SortBy        string
	SortDirection string
	// FilterField is "" (no filter), role, userId or id; FilterOperator
	// eq (default), ne, contains or in (comma-separated values).
	FilterField    string
	FilterValue    string
	FilterOperator string
}

// MembersPage is one page of members and the total after filtering.
type MembersPage struct {
	Members []Member
	Total   int
}

// ListMembers pages an organization's members (users joined) for one of
// its members. The membership check and the rows both come from the
// organization's stream; the members are sorted once per stream version.
func (s *Service) ListMembers(ctx context.Context, in ListMembersInput) (MembersPage, error) {
	if err := in.validate(); err != nil {
		return MembersPage{}, err
	}
	id, err := s.target(ctx, in.Authed, in.Target)
	if err != nil {
		return MembersPage{}, err
	}
	st, version, err := s.activeGroup(ctx, id)
	if err != nil {
		return MembersPage{}, err
	}
	if _, ok := st.MemberOf(in.Authed.User.ID); !ok {
		return MembersPage{}, group.ErrNotAMemberOfThisGroup
	}
	members := in.arrange(s.members.sorted(st, version))
	rows := members[min(in.Offset, len(members)):min(in.Offset+in.Limit, len(members))]
	out := MembersPage{Members: make([]Member, 0, len(rows)), Total: len(members)}
	for _, m := range rows {
		out.Members = append(out.Members, s.withUser(toMember(id, m)))
	}
	return out, nil
}

// validate checks the paging, sort and filter options.
func (in ListMembersInput) validate() error {
	if in.Limit < 0 || in.Offset < 0 ||
		!slices.Contains([]string{"", "createdAt", "role", "userId", "id"}, in.SortBy) ||
		!slices.Contains([]string{"", "asc", "desc"}, in.SortDirection) ||
		!slices.Contains([]string{"", "role", "userId", "id"}, in.FilterField) ||
		!slices.Contains([]string{"", "eq", "ne", "contains", "in"}, in.FilterOperator) {
		return domain.Errorf(domain.CodeValidation, "[query] Invalid sort or filter")
	}
	return nil
}

// arrange filters and sorts the shared, oldest-first members, copying
// them before any change.
func (in ListMembersInput) arrange(members []group.Member) []group.Member {
	if in.FilterField != "" {
		members = slices.DeleteFunc(slices.Clone(members), func(m group.Member) bool { return !in.match(m) })
	}
	if in.SortBy != "" && in.SortBy != "createdAt" {
		members = slices.Clone(members)
		slices.SortStableFunc(members, func(x, y group.Member) int { return cmp.Compare(in.key(x), in.key(y)) })
	}
	if in.SortDirection == "desc" {
		members = slices.Clone(members)
		slices.Reverse(members)
	}
	return members
}

func (in ListMembersInput) key(m group.Member) string {
	switch in.SortBy {
	case "role":
		return m.Role
	case "userId":
		return m.PersonID
	}
	return m.ID
}

func (in ListMembersInput) match(m group.Member) bool {
	v := map[string]string{"role": m.Role, "userId": m.PersonID, "id": m.ID}[in.FilterField]
	switch in.FilterOperator {
	case "ne":
		return v != in.FilterValue
	case "contains":
		return strings.Contains(v, in.FilterValue)
	case "in":
		return slices.Contains(strings.Split(in.FilterValue, ","), v)
	}
	return v == in.FilterValue
}
