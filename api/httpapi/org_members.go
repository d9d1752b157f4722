package httpapi

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// fullOrgJSON is get-full-organization's answer.
type fullOrgJSON struct {
	orgJSON
	Invitations []invitationJSON `json:"invitations"`
	Members     []memberJSON     `json:"members"`
}

// getFull returns the organization with its members (users joined) and
// pending invitations; null without an organization, like Better Auth.
func (o *orgs) getFull(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	id, err := o.target(ctx, a, query(c, "organizationId"), query(c, "organizationSlug"))
	if err == errNoActiveOrg {
		return ok200(c, nil)
	}
	if err != nil {
		return err
	}
	st, _, err := o.memberIn(ctx, id, a.user.ID, group.ErrNotAMemberOfThisGroup)
	if err != nil {
		return err
	}
	limit := group.DefaultMembershipLimit
	if v, err := strconv.Atoi(c.QueryParam("membersLimit")); err == nil && v > 0 {
		limit = v
	}
	out := fullOrgJSON{orgJSON: toOrg(st), Invitations: pendingInvitations(st), Members: []memberJSON{}}
	for _, m := range st.Members() {
		if len(out.Members) == limit {
			break
		}
		out.Members = append(out.Members, o.withUser(toMember(st.ID, m)))
	}
	return ok200(c, out)
}

// setActive sets (organizationId or organizationSlug) or clears
// (organizationId null) the session's active organization; only a member
// may make an organization active.
func (o *orgs) setActive(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b struct {
		OrganizationID   *string `json:"organizationId"`
		OrganizationSlug *string `json:"organizationSlug"`
	}
	if err := decode(c, &b); err != nil {
		return err
	}
	ctx := c.Request().Context()
	if b.OrganizationID == nil && b.OrganizationSlug == nil {
		return o.commitActive(c, a, "", nil)
	}
	id, err := o.target(ctx, authed{}, b.OrganizationID, b.OrganizationSlug)
	if err != nil {
		return err
	}
	st, _, err := o.memberIn(ctx, id, a.user.ID, group.ErrUserNotMember)
	if err != nil {
		return err
	}
	org := toOrg(st)
	return o.commitActive(c, a, id, &org)
}

// commitActive appends the session change and answers org (or null).
func (o *orgs) commitActive(c echo.Context, a authed, id string, org *orgJSON) error {
	err := o.s.retry(func() error {
		ch, err := o.setActiveChange(c, a, id)
		if err != nil {
			return err
		}
		_, err = o.s.commit(c, o.s.meta(c, a.user.ID, o.s.now()), a.user.ID, ch)
		return err
	})
	if err != nil {
		return err
	}
	if org == nil {
		return ok200(c, nil)
	}
	return ok200(c, org)
}

// getActiveMember returns the caller's membership with its user.
func (o *orgs) getActiveMember(c echo.Context) error {
	oc, err := o.callerIn(c, group.ErrMemberNotFound)
	if err != nil {
		return err
	}
	return ok200(c, o.withUser(toMember(oc.id, oc.m)))
}

// getActiveMemberRole returns {role} of the caller, or of userId when the
// caller is a member too.
func (o *orgs) getActiveMemberRole(c echo.Context) error {
	oc, err := o.callerIn(c, group.ErrNotAMemberOfThisGroup)
	if err != nil {
		return err
	}
	m := oc.m
	if uid := c.QueryParam("userId"); uid != "" && uid != oc.a.user.ID {
		var ok bool
		if m, ok = oc.st.MemberOf(uid); !ok {
			return group.ErrMemberNotFound
		}
	}
	return ok200(c, map[string]string{"role": m.Role})
}

// memberTarget is the body of the member commands.
type memberTarget struct {
	OrganizationID *string `json:"organizationId"`
}

// removeMember removes a member named by member id or by email (resolved
// to a person through the email claim).
func (o *orgs) removeMember(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b struct {
		MemberIDOrEmail *string `json:"memberIdOrEmail"`
		memberTarget
	}
	if err := decode(c, &b); err != nil {
		return err
	}
	if b.MemberIDOrEmail == nil || *b.MemberIDOrEmail == "" {
		return domain.Errorf(domain.CodeValidation, "[body.memberIdOrEmail] Invalid input: expected string, received undefined")
	}
	ctx := c.Request().Context()
	id, err := o.target(ctx, a, b.OrganizationID, nil)
	if err != nil {
		return err
	}
	cmd := group.RemoveMember{MemberID: *b.MemberIDOrEmail, Actor: a.user.ID}
	if strings.Contains(*b.MemberIDOrEmail, "@") {
		if cmd.PersonID, err = o.personFor(c, *b.MemberIDOrEmail); err != nil {
			return err
		}
		cmd.MemberID = ""
	}
	_, evs, err := o.run(c, orgCommand{groupID: id, actor: a.user.ID,
		cmd: func(group.State) group.Command { cmd.At = o.s.now(); return cmd }})
	if err != nil {
		return err
	}
	for _, ev := range evs {
		if r, ok := ev.(group.MemberRemoved); ok {
			return ok200(c, map[string]memberJSON{"member": {OrganizationID: id, UserID: r.PersonID, Role: r.Role,
				CreatedAt: wire.ISOTime(r.At), ID: r.MemberID}})
		}
	}
	return group.ErrMemberNotFound
}

// updateMemberRole sets a member's role (a string or an array of roles).
func (o *orgs) updateMemberRole(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b struct {
		Role     json.RawMessage `json:"role"`
		MemberID *string         `json:"memberId"`
		memberTarget
	}
	if err := decode(c, &b); err != nil {
		return err
	}
	role, err := roleParam(b.Role)
	if err != nil {
		return err
	}
	if b.MemberID == nil {
		return domain.Errorf(domain.CodeValidation, "[body.memberId] Invalid input: expected string, received undefined")
	}
	id, err := o.target(c.Request().Context(), a, b.OrganizationID, nil)
	if err != nil {
		return err
	}
	before, evs, err := o.run(c, orgCommand{groupID: id, actor: a.user.ID,
		cmd: func(group.State) group.Command {
			return group.UpdateMemberRole{MemberID: *b.MemberID, Role: role, Actor: a.user.ID, At: o.s.now()}
		}})
	if err != nil {
		return err
	}
	m, _ := after(before, evs).Member(*b.MemberID)
	return ok200(c, toMember(id, m))
}

// roleParam accepts "admin", "admin,member" or ["admin","member"].
func roleParam(raw json.RawMessage) (string, error) {
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return one, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err == nil && len(many) > 0 {
		return strings.Join(many, ","), nil
	}
	return "", domain.Errorf(domain.CodeValidation, "[body.role] Invalid input")
}

// leave removes the caller from the organization.
func (o *orgs) leave(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b memberTarget
	if err := decode(c, &b); err != nil {
		return err
	}
	id, err := o.target(c.Request().Context(), a, b.OrganizationID, nil)
	if err != nil {
		return err
	}
	_, evs, err := o.run(c, orgCommand{groupID: id, actor: a.user.ID,
		cmd: func(group.State) group.Command { return group.Leave{Actor: a.user.ID, At: o.s.now()} },
		with: func(group.State, []domain.Event) ([]change, []eventstore.Claim, []eventstore.Claim, error) {
			if a.session.ActiveOrganizationID != id {
				return nil, nil, nil, nil
			}
			ch, err := o.setActiveChange(c, a, "")
			return []change{ch}, nil, nil, err
		}})
	if err != nil {
		return err
	}
	for _, ev := range evs {
		if l, ok := ev.(group.MemberLeft); ok {
			return ok200(c, memberJSON{OrganizationID: id, UserID: l.PersonID, Role: l.Role, CreatedAt: wire.ISOTime(l.At),
				ID: l.MemberID})
		}
	}
	return group.ErrMemberNotFound
}

// hasPermission answers {error:null, success} for the caller's role in
// the organization, read from the stream.
func (o *orgs) hasPermission(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b struct {
		OrganizationID *string             `json:"organizationId"`
		Permission     map[string][]string `json:"permission"`
		Permissions    map[string][]string `json:"permissions"`
	}
	if err := decode(c, &b); err != nil {
		return err
	}
	perms := b.Permissions
	if perms == nil {
		perms = b.Permission
	}
	if len(perms) == 0 {
		return domain.Errorf(domain.CodeValidation, "[body.permissions] Invalid input: expected record, received undefined")
	}
	ctx := c.Request().Context()
	id, err := o.target(ctx, a, b.OrganizationID, nil)
	if err != nil {
		return err
	}
	_, m, err := o.memberIn(ctx, id, a.user.ID, group.ErrMemberNotFound)
	if err != nil {
		return err
	}
	return ok200(c, map[string]any{"error": nil, "success": group.HasPermission(m.Role, perms)})
}
