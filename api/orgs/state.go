package orgs

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
)

// load folds the organization's stream: the cached state plus every record
// after it (the tail is read on every call). It returns the state and the
// stream version.
func (s *Service) load(ctx context.Context, id string) (group.State, uint64, error) {
	return eventstore.LoadCached(ctx, s.app.Store, s.app.Codec, s.decider, group.Stream(id), s.states)
}

// activeGroup returns an active organization's state and version, or
// ORGANIZATION_NOT_FOUND.
func (s *Service) activeGroup(ctx context.Context, id string) (group.State, uint64, error) {
	if !domain.ValidID(id) {
		return group.State{}, 0, group.ErrOrganizationNotFound
	}
	st, v, err := s.load(ctx, id)
	if err != nil {
		return st, v, err
	}
	if !st.Active() {
		return st, v, group.ErrOrganizationNotFound
	}
	return st, v, nil
}

// memberIn returns the person's membership of an active organization, or
// notMember.
func (s *Service) memberIn(ctx context.Context, id, personID string, notMember error) (group.State, group.Member, error) {
	st, _, err := s.activeGroup(ctx, id)
	if err != nil {
		return st, group.Member{}, err
	}
	m, ok := st.MemberOf(personID)
	if !ok {
		return st, group.Member{}, notMember
	}
	return st, m, nil
}

// target resolves the organization a call is about (see Target).
func (s *Service) target(ctx context.Context, a sessions.Authed, t Target) (string, error) {
	switch {
	case t.OrganizationID != "":
		return t.OrganizationID, nil
	case t.OrganizationSlug != "":
		return s.bySlug(ctx, t.OrganizationSlug)
	case a.Session.ActiveOrganizationID != "":
		return a.Session.ActiveOrganizationID, nil
	}
	return "", ErrNoActiveOrganization
}

// callerIn is the preamble of the reads on one organization: the target
// and the caller's membership, decided on the group stream; notMember is
// the error for outsiders.
func (s *Service) callerIn(ctx context.Context, a sessions.Authed, t Target, notMember error) (group.State, group.Member, error) {
	id, err := s.target(ctx, a, t)
	if err != nil {
		return group.State{}, group.Member{}, err
	}
	return s.memberIn(ctx, id, a.User.ID, notMember)
}

// bySlug finds an organization through its slug claim, on the canonical
// form (a slug no organization could have is not found).
func (s *Service) bySlug(ctx context.Context, slug string) (string, error) {
	slug, err := group.CanonicalSlug(slug)
	if err != nil {
		return "", group.ErrOrganizationNotFound
	}
	owner, err := s.app.Owner(ctx, "slug", slug)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return "", group.ErrOrganizationNotFound
	}
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(owner, domain.GroupStreamPrefix), nil
}

// personByEmail resolves a canonical email to a person id through the
// email claim ("" when nobody has it).
func (s *Service) personByEmail(ctx context.Context, addr string) (string, error) {
	owner, err := s.app.Owner(ctx, "email", addr)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(owner, domain.PersonStreamPrefix), nil
}
