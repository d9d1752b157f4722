package orghttp

import (
	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/labstack/echo/v4"
)

// removeMember removes a member named by member id or by email.
func (f *Feature) removeMember(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	var b removeMemberBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	if b.MemberIDOrEmail == nil || *b.MemberIDOrEmail == "" {
		return domain.Errorf(domain.CodeValidation, "[body.memberIdOrEmail] Invalid input: expected string, received undefined")
	}
	m, err := f.orgs.RemoveMember(c.Request().Context(), orgs.RemoveMemberInput{Caller: f.kit.Caller(c), Authed: a,
		OrganizationID: wire.Deref(b.OrganizationID), MemberIDOrEmail: *b.MemberIDOrEmail})
	if err != nil {
		return err
	}
	return wire.OK(c, map[string]memberJSON{"member": toMember(m)})
}

// updateMemberRole sets a member's role (a string or an array of roles).
func (f *Feature) updateMemberRole(c echo.Context) error {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return err
	}
	var b updateMemberRoleBody
	if err := wire.Decode(c, &b); err != nil {
		return err
	}
	role, err := roleParam(b.Role)
	if err != nil {
		return err
	}
	if b.MemberID == nil {
		return domain.Errorf(domain.CodeValidation, "[body.memberId] Invalid input: expected string, received undefined")
	}
	m, err := f.orgs.UpdateMemberRole(c.Request().Context(), orgs.UpdateMemberRoleInput{Caller: f.kit.Caller(c),
		Authed: a, OrganizationID: wire.Deref(b.OrganizationID), MemberID: *b.MemberID, Role: role})
	if err != nil {
		return err
	}
	return wire.OK(c, toMember(m))
}

// leave removes the caller from the organization.
func (f *Feature) leave(c echo.Context) error {
	a, b, err := wire.SessionAndBody[organizationBody](f.kit, c)
	if err != nil {
		return err
	}
	m, err := f.orgs.Leave(c.Request().Context(), orgs.LeaveInput{Caller: f.kit.Caller(c), Authed: a,
		OrganizationID: wire.Deref(b.OrganizationID)})
	if err != nil {
		return err
	}
	return wire.OK(c, toMember(m))
}
