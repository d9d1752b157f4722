package orgs

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/session"
)

// SetActiveInput sets (OrganizationID or OrganizationSlug) or clears (both
// nil) the session's active organization. A given but empty value names
// nothing: NO_ACTIVE_ORGANIZATION.
type SetActiveInput struct {
	Caller           app.Caller
	Authed           sessions.Authed
	OrganizationID   *string
	OrganizationSlug *string
}

// SetActive makes an organization the session's active one (only a member
// may) and returns it, or clears the active organization and returns nil.
func (s *Service) SetActive(ctx context.Context, in SetActiveInput) (*Organization, error) {
	if in.OrganizationID == nil && in.OrganizationSlug == nil {
		return nil, s.commitActive(ctx, in.Caller, in.Authed, "")
	}
	t := Target{OrganizationID: deref(in.OrganizationID), OrganizationSlug: deref(in.OrganizationSlug)}
	id, err := s.target(ctx, sessions.Authed{}, t)
	if err != nil {
		return nil, err
	}
	st, _, err := s.memberIn(ctx, id, in.Authed.User.ID, group.ErrUserNotMember)
	if err != nil {
		return nil, err
	}
	if err := s.commitActive(ctx, in.Caller, in.Authed, id); err != nil {
		return nil, err
	}
	org := toOrganization(st)
	return &org, nil
}

// commitActive appends session.active_organization_set on the caller's
// session, sealed with the person's key.
func (s *Service) commitActive(ctx context.Context, caller app.Caller, a sessions.Authed, id string) error {
	_, err := app.Run(ctx, s.app, session.NewDecider(), domain.SessionStream(a.Session.ID),
		caller.Meta(a.User.ID, s.app.Now()), a.User.ID,
		func(session.State) session.Command {
			return session.SetActiveOrganization{OrganizationID: id, At: s.app.Now()}
		})
	return err
}

// GetActiveMember returns the caller's membership, with its user.
func (s *Service) GetActiveMember(ctx context.Context, a sessions.Authed, t Target) (Member, error) {
	st, m, err := s.callerIn(ctx, a, t, group.ErrMemberNotFound)
	if err != nil {
		return Member{}, err
	}
	return s.withUser(toMember(st.ID, m)), nil
}

// GetActiveMemberRole returns the caller's role, or the role of personID
// ("" or the caller: the caller's) when the caller is a member too.
func (s *Service) GetActiveMemberRole(ctx context.Context, a sessions.Authed, t Target, personID string) (string, error) {
	st, m, err := s.callerIn(ctx, a, t, group.ErrNotAMemberOfThisGroup)
	if err != nil {
		return "", err
	}
	if personID != "" && personID != a.User.ID {
		var ok bool
		if m, ok = st.MemberOf(personID); !ok {
			return "", group.ErrMemberNotFound
		}
	}
	return m.Role, nil
}

// HasPermission reports whether the caller's role in the organization
// grants perms (resource → actions), read from the stream.
func (s *Service) HasPermission(ctx context.Context, a sessions.Authed, organizationID string, perms map[string][]string) (bool, error) {
	_, m, err := s.callerIn(ctx, a, Target{OrganizationID: organizationID}, group.ErrMemberNotFound)
	if err != nil {
		return false, err
	}
	return group.HasPermission(m.Role, perms), nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
