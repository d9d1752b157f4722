package orghttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/labstack/echo/v4"
)

// getInvitation shows a pending invitation to its recipient only.
func (f *Feature) getInvitation(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	d, err := f.orgs.GetInvitation(c.Request().Context(), a, c.QueryParam("id"))
	if err != nil {
		return err
	}
	return wire.OK(c, invitationDetailJSON{invitationJSON: toInvitation(d.Invitation),
		OrganizationName: d.OrganizationName, OrganizationSlug: d.OrganizationSlug, InviterEmail: d.InviterEmail})
}

// listInvitations lists an organization's pending invitations to a member.
func (f *Feature) listInvitations(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	invs, err := f.orgs.ListInvitations(c.Request().Context(), a, c.QueryParam("organizationId"))
	if err != nil {
		return err
	}
	return wire.OK(c, toInvitations(invs))
}

// listUserInvitations lists the pending invitations of the caller's
// verified email.
func (f *Feature) listUserInvitations(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	invs, err := f.orgs.ListUserInvitations(c.Request().Context(), a)
	if err != nil {
		return err
	}
	out := make([]userInvitationJSON, 0, len(invs))
	for _, inv := range invs {
		out = append(out, userInvitationJSON{toInvitation(inv.Invitation), inv.OrganizationName})
	}
	return wire.OK(c, out)
}
