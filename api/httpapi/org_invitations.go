package httpapi

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/group"
	"github.com/authledger/authledger/eventstore"
	"github.com/authledger/authledger/ontology"
	"github.com/labstack/echo/v4"
)

// invite creates (or, with resend, renews) an invitation.
func (o *orgs) invite(c echo.Context) error {
	a, err := o.s.requireSession(c)
	if err != nil {
		return err
	}
	var b struct {
		Email          *string         `json:"email"`
		Role           json.RawMessage `json:"role"`
		OrganizationID *string         `json:"organizationId"`
		Resend         *bool           `json:"resend"`
		TeamID         *string         `json:"teamId"`
	}
	if err := decode(c, &b); err != nil {
		return err
	}
	if b.Email == nil {
		return domain.Errorf(domain.CodeValidation, "[body.email] Invalid input: expected string, received undefined")
	}
	addr, err := email.Canonicalize(*b.Email)
	if err != nil {
		return err
	}
	role, err := roleParam(b.Role)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	id, err := o.target(ctx, a, b.OrganizationID, nil)
	if err != nil {
		return err
	}
	invitee, err := o.personByEmail(ctx, addr)
	if err != nil {
		return err
	}
	ids, err := o.s.newIDs(1)
	if err != nil {
		return err
	}
	before, evs, err := o.run(c, orgCommand{groupID: id, actor: a.user.ID,
		cmd: func(group.State) group.Command {
			now := o.s.now()
			return group.InviteMember{InvitationID: ids[0], Email: addr, Role: role, InviteePersonID: invitee,
				Resend: b.Resend != nil && *b.Resend, ExpiresAt: now.Add(o.s.cfg.Organizations.invitationTTL()),
				InvitationLimit: o.s.cfg.Organizations.InvitationLimit, Actor: a.user.ID, At: now}
		}})
	if err != nil {
		return err
	}
	st := after(before, evs)
	for _, ev := range evs {
		switch e := ev.(type) {
		case group.InvitationCreated:
			inv, _ := st.Invitation(e.InvitationID)
			return ok200(c, toInvitation(id, "pending", inv))
		case group.InvitationResent:
			inv, _ := st.Invitation(e.InvitationID)
			return ok200(c, toInvitation(id, "pending", inv))
		}
	}
	return group.ErrInvitationNotFound
}

// invitationGroup finds the organization of an invitation through its
// things row (owner = organization); the decision itself reads the stream.
func (o *orgs) invitationGroup(ctx context.Context, invitationID string) (string, error) {
	if !domain.ValidID(invitationID) {
		return "", group.ErrInvitationNotFound
	}
	t, err := o.s.cfg.Read.GetThing(ctx, invitationID)
	if errors.Is(err, ontology.ErrNotFound) || err == nil && t.Kind != "invitation" {
		return "", group.ErrInvitationNotFound
	}
	return t.OwnerID, err
}

// invitationBody is the body of accept, reject and cancel.
type invitationBody struct {
	InvitationID *string `json:"invitationId"`
}

func (o *orgs) decodeInvitation(c echo.Context) (authed, string, string, error) {
	a, err := o.s.requireSession(c)
	if err != nil {
		return a, "", "", err
	}
	var b invitationBody
	if err := decode(c, &b); err != nil {
		return a, "", "", err
	}
	if b.InvitationID == nil {
		return a, "", "", domain.Errorf(domain.CodeValidation,
			"[body.invitationId] Invalid input: expected string, received undefined")
	}
	gid, err := o.invitationGroup(c.Request().Context(), *b.InvitationID)
	return a, gid, *b.InvitationID, err
}

// accept joins the invitee; the group stream's expected version makes two
// concurrent accepts produce one member (the second re-decides and gets
// INVITATION_NOT_FOUND or ALREADY_MEMBER). The organization becomes the
// session's active one.
func (o *orgs) accept(c echo.Context) error {
	a, gid, invID, err := o.decodeInvitation(c)
	if err != nil {
		return err
	}
	ids, err := o.s.newIDs(1)
	if err != nil {
		return err
	}
	cfg := o.s.cfg.Organizations
	before, evs, err := o.run(c, orgCommand{groupID: gid, actor: a.user.ID,
		cmd: func(group.State) group.Command {
			return group.AcceptInvitation{InvitationID: invID, MemberID: ids[0], Email: a.user.Email,
				EmailVerified: a.user.EmailVerified, RequireEmailVerification: cfg.RequireEmailVerificationOnInvitation,
				MembershipLimit: cfg.MembershipLimit, Actor: a.user.ID, At: o.s.now()}
		},
		with: func(group.State, []domain.Event) ([]change, []eventstore.Claim, []eventstore.Claim, error) {
			ch, err := o.setActiveChange(c, a, gid)
			return []change{ch}, nil, nil, err
		}})
	if err != nil {
		return o.recordExpiry(c, gid, invID, err)
	}
	inv, _ := before.Invitation(invID)
	m, _ := after(before, evs).Member(ids[0])
	return ok200(c, map[string]any{"invitation": toInvitation(gid, "accepted", inv), "member": toMember(gid, m)})
}

// reject declines an invitation.
func (o *orgs) reject(c echo.Context) error {
	a, gid, invID, err := o.decodeInvitation(c)
	if err != nil {
		return err
	}
	before, _, err := o.run(c, orgCommand{groupID: gid, actor: a.user.ID,
		cmd: func(group.State) group.Command {
			return group.RejectInvitation{InvitationID: invID, Email: a.user.Email, EmailVerified: a.user.EmailVerified,
				RequireEmailVerification: o.s.cfg.Organizations.RequireEmailVerificationOnInvitation,
				Actor:                    a.user.ID, At: o.s.now()}
		}})
	if err != nil {
		return err
	}
	inv, _ := before.Invitation(invID)
	return ok200(c, map[string]any{"invitation": toInvitation(gid, "rejected", inv), "member": nil})
}

// cancel withdraws an invitation (invitation:cancel permission).
func (o *orgs) cancel(c echo.Context) error {
	a, gid, invID, err := o.decodeInvitation(c)
	if err != nil {
		return err
	}
	before, _, err := o.run(c, orgCommand{groupID: gid, actor: a.user.ID,
		cmd: func(group.State) group.Command {
			return group.CancelInvitation{InvitationID: invID, Actor: a.user.ID, At: o.s.now()}
		}})
	if err != nil {
		return err
	}
	inv, _ := before.Invitation(invID)
	return ok200(c, toInvitation(gid, "canceled", inv))
}

// recordExpiry appends group.invitation_expired (a system event) when an
// answer found the invitation past its expiry, so the things row stops
// saying "pending"; it returns err, the answer's own error, either way.
func (o *orgs) recordExpiry(c echo.Context, gid, invID string, err error) error {
	if !errors.Is(err, group.ErrInvitationExpired) {
		return err
	}
	_, _, xerr := o.run(c, orgCommand{groupID: gid,
		cmd: func(group.State) group.Command { return group.ExpireInvitation{InvitationID: invID, At: o.s.now()} }})
	if xerr != nil {
		o.s.cfg.Logger.Warn("could not record invitation expiry", "invitation", invID, "err", xerr)
	}
	return err
}
