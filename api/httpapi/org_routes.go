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
		{Method: "POST", Path: p + "create", Handler: o.create},
		{Method: "POST", Path: p + "check-slug", Handler: o.checkSlug},
		{Method: "POST", Path: p + "update", Handler: o.update},
		{Method: "POST", Path: p + "delete", Handler: o.delete},
		{Method: "GET", Path: p + "list", Handler: o.list},
		{Method: "GET", Path: p + "get-organization", Handler: o.getOrganization},
		{Method: "GET", Path: p + "get-full-organization", Handler: o.getFull},
		{Method: "POST", Path: p + "set-active", Handler: o.setActive},
		{Method: "GET", Path: p + "get-active-member", Handler: o.getActiveMember},
		{Method: "GET", Path: p + "get-active-member-role", Handler: o.getActiveMemberRole},
		{Method: "GET", Path: p + "list-members", Handler: o.listMembers},
		{Method: "POST", Path: p + "invite-member", Handler: o.invite},
		{Method: "GET", Path: p + "get-invitation", Handler: o.getInvitation},
		{Method: "POST", Path: p + "accept-invitation", Handler: o.accept},
		{Method: "POST", Path: p + "reject-invitation", Handler: o.reject},
		{Method: "POST", Path: p + "cancel-invitation", Handler: o.cancel},
		{Method: "GET", Path: p + "list-invitations", Handler: o.listInvitations},
		{Method: "GET", Path: p + "list-user-invitations", Handler: o.listUserInvitations},
		{Method: "POST", Path: p + "remove-member", Handler: o.removeMember},
		{Method: "POST", Path: p + "update-member-role", Handler: o.updateMemberRole},
		{Method: "POST", Path: p + "leave", Handler: o.leave},
		{Method: "POST", Path: p + "has-permission", Handler: o.hasPermission},
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
