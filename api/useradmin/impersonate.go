package useradmin

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/session"
)

// Impersonation is an open impersonation session: the token to hand to
// the client and the session as the index knows it.
type Impersonation struct {
	Token string
	sessions.Authed
}

// Impersonate opens a session of the person for the administrator (at
// most an hour, never refreshed, naming them as impersonatedBy). An
// administrator cannot be impersonated; nor can a banned person.
func (s *Service) Impersonate(ctx context.Context, in UserInput) (Impersonation, error) {
	a := in.Admin
	if err := a.require("user", "impersonate", ErrNotAllowedToImpersonate); err != nil {
		return Impersonation{}, err
	}
	p, err := s.loadPerson(ctx, in.UserID)
	if err != nil {
		return Impersonation{}, err
	}
	if IsAdmin(p.Role) && !Allowed(a.Session.User.Role, Permissions{"user": {"impersonate-admins"}}) {
		return Impersonation{}, ErrCannotImpersonateAdmins
	}
	now := s.app.Now()
	if p.BannedAt(now) {
		return Impersonation{}, account.ErrBanned
	}
	if in.UserID == a.id() {
		return Impersonation{}, ErrCannotImpersonateAdmins
	}
	o, err := s.sessions.OpenImpersonation(a.Caller, in.UserID, a.id(), s.cfg.ImpersonationLifetime, now)
	if err != nil {
		return Impersonation{}, err
	}
	meta := s.meta(a)
	meta.Impersonator = a.id()
	if _, err := s.app.Commit(ctx, meta, in.UserID, o.Change); err != nil {
		return Impersonation{}, err
	}
	authed, found, _ := s.sessions.Lookup(o.Token)
	if !found {
		return Impersonation{}, ErrUserNotFound
	}
	return Impersonation{Token: o.Token, Authed: authed}, nil
}

// StopInput is the impersonation session to end and the administrator's
// own session token kept aside when it began.
type StopInput struct {
	Session    sessions.Authed
	Caller     app.Caller
	AdminToken string
}

// StopImpersonating ends the impersonation session and returns the
// administrator's own session, which must still be live and theirs.
func (s *Service) StopImpersonating(ctx context.Context, in StopInput) (sessions.Authed, error) {
	admin := in.Session.Session.ImpersonatedBy
	if admin == "" {
		return sessions.Authed{}, ErrNotImpersonating
	}
	back, found, expired := s.sessions.Lookup(in.AdminToken)
	if in.AdminToken == "" || !found || expired || back.User.ID != admin {
		return sessions.Authed{}, ErrAdminSessionNotFound
	}
	err := s.sessions.Revoke(ctx, in.Caller, admin, in.Session.User.ID, session.ReasonSignOut, in.Session.Session)
	return back, err
}
