package httpapi

import (
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/ontology"
	"github.com/labstack/echo/v4"
)

// invitationDetailJSON is get-invitation's answer.
type invitationDetailJSON struct {
	invitationJSON
	OrganizationName string `json:"organizationName"`
	OrganizationSlug string `json:"organizationSlug"`
	InviterEmail     string `json:"inviterEmail"`
}

// getInvitation shows a pending invitation to its recipient only.
func (o *orgs) getInvitation(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	invID := c.QueryParam("id")
	gid, err := o.invitationGroup(ctx, invID)
	if err != nil {
		return err
	}
	st, err := o.activeGroup(ctx, gid)
	if err != nil {
		return err
	}
	inv, ok := st.Invitation(invID)
	switch {
	case !ok:
		return group.ErrInvitationNotFound
	case inv.ExpiredAt(o.s.now()):
		return group.ErrInvitationExpired
	case inv.Email != a.user.Email:
		return group.ErrNotRecipient
	}
	inviter, _ := o.s.index.User(inv.InviterID)
	return ok200(c, invitationDetailJSON{invitationJSON: toInvitation(gid, "pending", inv),
		OrganizationName: st.Name, OrganizationSlug: st.Slug, InviterEmail: inviter.Email})
}

// listInvitations lists an organization's pending invitations to a member.
func (o *orgs) listInvitations(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	id, err := o.target(ctx, a, query(c, "organizationId"), nil)
	if err != nil {
		return err
	}
	st, _, err := o.memberIn(ctx, id, a.user.ID, group.ErrNotAMemberOfThisGroup)
	if err != nil {
		return err
	}
	return ok200(c, pendingInvitations(st))
}

// userInvitationJSON is one row of list-user-invitations.
type userInvitationJSON struct {
	invitationJSON
	OrganizationName string `json:"organizationName"`
}

// listUserInvitations lists the pending invitations of the caller's
// verified email. The read store names the organizations with pending
// invitations (things carry no email); each organization's stream, sealed
// with its key, says which are for this email.
func (o *orgs) listUserInvitations(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	if !a.user.EmailVerified {
		return errInvitationUnverifd
	}
	ctx := c.Request().Context()
	out := []userInvitationJSON{}
	seen := map[string]bool{}
	q := ontology.Query{Where: map[string]string{"kind": "invitation", "status": "pending"}, Limit: ontology.MaxLimit}
	now := o.s.now()
	for {
		page, err := o.s.cfg.Read.ListThings(ctx, q)
		if err != nil {
			return err
		}
		for _, t := range page.Items {
			if seen[t.OwnerID] {
				continue
			}
			seen[t.OwnerID] = true
			st, err := o.activeGroup(ctx, t.OwnerID)
			if err != nil {
				continue
			}
			if inv, ok := st.PendingFor(a.user.Email); ok && !inv.ExpiredAt(now) {
				out = append(out, userInvitationJSON{toInvitation(st.ID, "pending", inv), st.Name})
			}
		}
		if page.Next == "" {
			return ok200(c, out)
		}
		q.Cursor = page.Next
	}
}
