package orgs

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/ontology"
)

// List returns the organizations personID belongs to: the member_of edges
// of the connections dimension name the candidates, and each is checked
// on its stream (a membership the projection has not dropped yet is not
// listed).
func (s *Service) List(ctx context.Context, personID string) ([]Organization, error) {
	if err := s.app.Projected(ctx); err != nil {
		return nil, err
	}
	out := []Organization{}
	q := ontology.Query{Where: map[string]string{"from_id": personID, "relation": "member_of"}, Limit: ontology.MaxLimit}
	for {
		page, err := s.app.Read.ListConnections(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, conn := range page.Items {
			if st, _, err := s.memberIn(ctx, conn.ToID, personID, group.ErrUserNotMember); err == nil {
				out = append(out, toOrganization(st))
			}
		}
		if page.Next == "" {
			return out, nil
		}
		q.Cursor = page.Next
	}
}

// Get returns an organization the caller belongs to.
func (s *Service) Get(ctx context.Context, a sessions.Authed, t Target) (Organization, error) {
	st, _, err := s.callerIn(ctx, a, t, group.ErrNotAMemberOfThisGroup)
	if err != nil {
		return Organization{}, err
	}
	return toOrganization(st), nil
}

// GetFull returns an organization the caller belongs to with its first
// membersLimit members (users joined; ≤ 0: group.DefaultMembershipLimit)
// and its pending invitations; nil when the call names no organization
// and the session has no active one, as Better Auth answers. The members
// are sorted once per stream version (memberCache), as ListMembers does.
func (s *Service) GetFull(ctx context.Context, a sessions.Authed, t Target, membersLimit int) (*FullOrganization, error) {
	id, err := s.target(ctx, a, t)
	if errors.Is(err, ErrNoActiveOrganization) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	st, version, err := s.activeGroup(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, ok := st.MemberOf(a.User.ID); !ok {
		return nil, group.ErrNotAMemberOfThisGroup
	}
	if membersLimit <= 0 {
		membersLimit = group.DefaultMembershipLimit
	}
	members := s.members.sorted(st, version)
	full := &FullOrganization{Organization: toOrganization(st), Invitations: pending(st),
		Members: make([]Member, 0, min(membersLimit, len(members)))}
	for _, m := range members[:min(membersLimit, len(members))] {
		full.Members = append(full.Members, s.withUser(toMember(st.ID, m)))
	}
	return full, nil
}
