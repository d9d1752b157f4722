package orghttp

import (
	"net/http"
	"strconv"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/labstack/echo/v4"
)

// target is the organization a read names in its query.
func target(c echo.Context) orgs.Target {
	return orgs.Target{OrganizationID: c.QueryParam("organizationId"), OrganizationSlug: c.QueryParam("organizationSlug")}
}

// list returns the caller's organizations.
func (f *Feature) list(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	list, err := f.orgs.List(c.Request().Context(), a.User.ID)
	if err != nil {
		return err
	}
	out := make([]orgJSON, 0, len(list))
	for _, o := range list {
		out = append(out, toOrg(o))
	}
	return wire.OK(c, out)
}

// getOrganization returns one organization the caller belongs to.
func (f *Feature) getOrganization(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	org, err := f.orgs.Get(c.Request().Context(), a, target(c))
	if err != nil {
		return err
	}
	return wire.OK(c, toOrg(org))
}

// getFull returns the organization with its members and pending
// invitations; null without an organization, like Better Auth.
func (f *Feature) getFull(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	limit, _ := strconv.Atoi(c.QueryParam("membersLimit")) // not a positive number: the default
	full, err := f.orgs.GetFull(c.Request().Context(), a, target(c), limit)
	if err != nil || full == nil {
		return orNull(c, err)
	}
	b, err := fullOrgJSON{orgJSON: toOrg(full.Organization), Invitations: toInvitations(full.Invitations),
		Members: toMembers(full.Members)}.encode()
	if err != nil {
		return err
	}
	return wire.WriteEncoded(c, http.StatusOK, b)
}

// setActive sets (organizationId or organizationSlug) or clears
// (organizationId null) the session's active organization.
func (f *Feature) setActive(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	var b setActiveBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	org, err := f.orgs.SetActive(c.Request().Context(), orgs.SetActiveInput{Caller: f.kit.Caller(c), Authed: a,
		OrganizationID: b.OrganizationID, OrganizationSlug: b.OrganizationSlug})
	if err != nil || org == nil {
		return orNull(c, err)
	}
	return wire.OK(c, toOrg(*org))
}

// orNull returns err, or answers null when there is none.
func orNull(c echo.Context, err error) error {
	if err != nil {
		return err
	}
	return wire.OK(c, nil)
}
