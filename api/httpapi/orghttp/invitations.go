package orghttp

import (
	"encoding/json"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/orgs"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/labstack/echo/v4"
)

type inviteBody struct {
	Email          *string         `json:"email"`
	Role           json.RawMessage `json:"role"`
	OrganizationID *string         `json:"organizationId"`
	Resend         *bool           `json:"resend"`
	TeamID         *string         `json:"teamId"` // accepted, ignored: teams are not supported
}

// invite creates (or, with resend, renews) an invitation.
func (f *Feature) invite(c echo.Context) error {
	a, b, err := wire.SessionAndBody[inviteBody](f.kit, c)
	if err != nil {
		return err
	}
	if b.Email == nil {
		return domain.Errorf(domain.CodeValidation, "[body.email] Invalid input: expected string, received undefined")
	}
	if _, err := email.Canonicalize(*b.Email); err != nil {
		return err // an invalid email is reported before an invalid role
	}
	role, err := roleParam(b.Role)
	if err != nil {
		return err
	}
	inv, err := f.orgs.Invite(c.Request().Context(), orgs.InviteInput{Caller: f.kit.Caller(c), Authed: a,
		OrganizationID: wire.Deref(b.OrganizationID), Email: *b.Email, Role: role, Resend: b.Resend != nil && *b.Resend})
	if err != nil {
		return err
	}
	return wire.OK(c, toInvitation(inv))
}

// answer decodes the body of accept, reject and cancel.
func (f *Feature) answer(c echo.Context) (orgs.AnswerInput, error) {
	a, err := f.kit.RequireSession(c)
	if err != nil {
		return orgs.AnswerInput{}, err
	}
	var b invitationBody
	if err := wire.Decode(c, &b); err != nil {
		return orgs.AnswerInput{}, err
	}
	if b.InvitationID == nil {
		return orgs.AnswerInput{}, domain.Errorf(domain.CodeValidation,
			"[body.invitationId] Invalid input: expected string, received undefined")
	}
	return orgs.AnswerInput{Caller: f.kit.Caller(c), Authed: a, InvitationID: *b.InvitationID}, nil
}

// accept joins the invitee.
func (f *Feature) accept(c echo.Context) error {
	in, err := f.answer(c)
	if err != nil {
		return err
	}
	acc, err := f.orgs.Accept(c.Request().Context(), in)
	if err != nil {
		return err
	}
	m := toMember(acc.Member)
	return wire.OK(c, answerJSON{Invitation: toInvitation(acc.Invitation), Member: &m})
}

// reject declines an invitation.
func (f *Feature) reject(c echo.Context) error {
	in, err := f.answer(c)
	if err != nil {
		return err
	}
	inv, err := f.orgs.Reject(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return wire.OK(c, answerJSON{Invitation: toInvitation(inv)})
}

// cancel withdraws an invitation.
func (f *Feature) cancel(c echo.Context) error {
	in, err := f.answer(c)
	if err != nil {
		return err
	}
	inv, err := f.orgs.Cancel(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return wire.OK(c, toInvitation(inv))
}
