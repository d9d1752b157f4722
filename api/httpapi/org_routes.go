package httpapi

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// orgRoutes is the organization plugin's surface under /api/auth.
func (s *Server) orgRoutes() []route {
	o := &orgs{s: s, cache: newStateCache(s.cfg.Organizations.cacheSize())}
	p := "/organization/"
	return []route{
		{"POST", p + "create", o.create, false},
		{"POST", p + "check-slug", o.checkSlug, false},
		{"POST", p + "update", o.update, false},
		{"POST", p + "delete", o.delete, false},
		{"GET", p + "list", o.list, false},
		{"GET", p + "get-organization", o.getOrganization, false},
		{"GET", p + "get-full-organization", o.getFull, false},
		{"POST", p + "set-active", o.setActive, false},
		{"GET", p + "get-active-member", o.getActiveMember, false},
		{"GET", p + "get-active-member-role", o.getActiveMemberRole, false},
		{"GET", p + "list-members", o.listMembers, false},
		{"POST", p + "invite-member", o.invite, false},
		{"GET", p + "get-invitation", o.getInvitation, false},
		{"POST", p + "accept-invitation", o.accept, false},
		{"POST", p + "reject-invitation", o.reject, false},
		{"POST", p + "cancel-invitation", o.cancel, false},
		{"GET", p + "list-invitations", o.listInvitations, false},
		{"GET", p + "list-user-invitations", o.listUserInvitations, false},
		{"POST", p + "remove-member", o.removeMember, false},
		{"POST", p + "update-member-role", o.updateMemberRole, false},
		{"POST", p + "leave", o.leave, false},
		{"POST", p + "has-permission", o.hasPermission, false},
	}
}

// target resolves the organization a request is about: the explicit
// organizationId, else organizationSlug, else the session's active
// organization (so two tabs can work in two organizations at once).
func (o *orgs) target(ctx context.Context, a authed, id, slug *string) (string, error) {
	switch {
	case id != nil && *id != "":
		return *id, nil
	case slug != nil && *slug != "":
		return o.bySlug(ctx, *slug)
	case a.session.ActiveOrganizationID != "":
		return a.session.ActiveOrganizationID, nil
	}
	return "", errNoActiveOrg
}

// bySlug finds an organization through its slug claim.
func (o *orgs) bySlug(ctx context.Context, slug string) (string, error) {
	cl := o.s.claim("slug", slug, "")
	owner, err := o.s.cfg.Store.LookupClaim(ctx, cl.Kind, cl.Key)
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
func (o *orgs) personByEmail(ctx context.Context, addr string) (string, error) {
	cl := o.s.claim("email", addr, "")
	owner, err := o.s.cfg.Store.LookupClaim(ctx, cl.Kind, cl.Key)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(owner, domain.PersonStreamPrefix), nil
}

// setActiveChange decides the caller's session.active_organization_set,
// to append with another change (or alone).
func (o *orgs) setActiveChange(c echo.Context, a authed, orgID string) (change, error) {
	_, ch, err := decideOn(c, o.s, session.NewDecider(), domain.SessionStream(a.session.ID),
		func(session.State) session.Command {
			return session.SetActiveOrganization{OrganizationID: orgID, At: o.s.now()}
		})
	return ch, err
}

// query returns a query parameter as an optional string.
func query(c echo.Context, name string) *string {
	if v := c.QueryParam(name); v != "" {
		return &v
	}
	return nil
}
