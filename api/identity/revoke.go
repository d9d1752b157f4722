package identity

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/session"
)

// SessionInput is an action of a signed-in person on their sessions.
type SessionInput struct {
	Caller  app.Caller
	Session sessions.Authed
}

// SignOut revokes the caller's own session.
func (s *Service) SignOut(ctx context.Context, in SessionInput) error {
	a := in.Session
	return s.sessions.Revoke(ctx, in.Caller, a.User.ID, a.User.ID, session.ReasonSignOut, a.Session)
}

// RevokeSessionInput names one of the caller's sessions by its handle (the
// id ListSessions shows) or by its token.
type RevokeSessionInput struct {
	SessionInput
	Target string
}

// RevokeSession revokes one of the caller's sessions. Another person's
// session is indistinguishable from an unknown one.
func (s *Service) RevokeSession(ctx context.Context, in RevokeSessionInput) error {
	a := in.Session
	target, ok := s.sessions.FindOwn(a.User.ID, in.Target)
	if !ok {
		return domain.ErrSessionNotFound
	}
	return s.sessions.Revoke(ctx, in.Caller, a.User.ID, a.User.ID, session.ReasonRevoked, target)
}

// RevokeSessions revokes every session of the caller, this one included.
func (s *Service) RevokeSessions(ctx context.Context, in SessionInput) error {
	a := in.Session
	return s.sessions.Revoke(ctx, in.Caller, a.User.ID, a.User.ID, session.ReasonRevokeAll, s.sessions.All(a.User.ID)...)
}

// RevokeOtherSessions revokes every session of the caller but this one.
func (s *Service) RevokeOtherSessions(ctx context.Context, in SessionInput) error {
	a := in.Session
	return s.sessions.Revoke(ctx, in.Caller, a.User.ID, a.User.ID, session.ReasonRevokeOthers, s.sessions.Others(a)...)
}
