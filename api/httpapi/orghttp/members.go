package orghttp

import (
	"net/http"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// listMembers pages an organization's members for one of its members.
func (f *Feature) listMembers(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	in, err := listParams(c)
	if err != nil {
		return err
	}
	in.Authed, in.Target = a, target(c)
	page, err := f.orgs.ListMembers(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return wire.WriteEncoded(c, http.StatusOK, membersPage{Members: toMembers(page.Members), Total: page.Total}.encode())
}

// getActiveMember returns the caller's membership with its user.
func (f *Feature) getActiveMember(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	m, err := f.orgs.GetActiveMember(c.Request().Context(), a, target(c))
	if err != nil {
		return err
	}
	return wire.OK(c, toMember(m))
}

// getActiveMemberRole returns {role} of the caller, or of userId.
func (f *Feature) getActiveMemberRole(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	role, err := f.orgs.GetActiveMemberRole(c.Request().Context(), a, target(c), c.QueryParam("userId"))
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]string{"role": role})
}

// hasPermission answers {error:null, success} for the caller's role.
func (f *Feature) hasPermission(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	var b hasPermissionBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	perms := b.Permissions
	if perms == nil {
		perms = b.Permission // Better Auth's deprecated singular key
	}
	if len(perms) == 0 {
		return domain.Errorf(domain.CodeValidation, "[body.permissions] Invalid input: expected record, received undefined")
	}
	ok, err := f.orgs.HasPermission(c.Request().Context(), a, wire.Deref(b.OrganizationID), perms)
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]any{"error": nil, "success": ok})
}
