package useradmin

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/session"
)

// UserInput names the person an action is about.
type UserInput struct {
	Admin  Admin
	UserID string
}

// ListUserSessions returns a person's live sessions, oldest first.
func (s *Service) ListUserSessions(ctx context.Context, in UserInput) ([]sessionindex.Session, error) {
	if err := in.Admin.require("session", "list", ErrNotAllowedToListSessions); err != nil {
		return nil, err
	}
	if _, err := s.loadPerson(ctx, in.UserID); err != nil {
		return nil, err
	}
	out := s.sessions.Live(in.UserID)
	if out == nil {
		out = []sessionindex.Session{}
	}
	return out, nil
}

// RevokeUserSessionInput names one session: its handle (the id that
// list-user-sessions answers as token) or its raw token.
type RevokeUserSessionInput struct {
	Admin        Admin
	SessionToken string
}

// RevokeUserSession ends one session of anyone. An unknown or ended
// session appends nothing (Better Auth answers success either way).
func (s *Service) RevokeUserSession(ctx context.Context, in RevokeUserSessionInput) error {
	if err := in.Admin.require("session", "revoke", ErrNotAllowedToRevokeSessions); err != nil {
		return err
	}
	target, ok, err := s.findSession(ctx, in.SessionToken)
	if err != nil || !ok {
		return err
	}
	return s.sessions.Revoke(ctx, in.Admin.Caller, in.Admin.id(), target.PersonID, session.ReasonRevoked, target)
}

// findSession resolves a raw token through the index, or a handle through
// the session's stream.
func (s *Service) findSession(ctx context.Context, handleOrToken string) (sessionindex.Session, bool, error) {
	if handleOrToken == "" {
		return sessionindex.Session{}, false, nil
	}
	if a, found, _ := s.sessions.Lookup(handleOrToken); found {
		return a.Session, true, nil
	}
	if !domain.ValidID(handleOrToken) {
		return sessionindex.Session{}, false, nil
	}
	st, _, err := app.Load(ctx, s.app, session.NewDecider(), domain.SessionStream(handleOrToken))
	if err != nil || st.Status != session.StatusActive {
		return sessionindex.Session{}, false, err
	}
	return sessionindex.Session{ID: st.ID, PersonID: st.PersonID}, true, nil
}

// RevokeUserSessions ends every session of a person.
func (s *Service) RevokeUserSessions(ctx context.Context, in UserInput) error {
	if err := in.Admin.require("session", "revoke", ErrNotAllowedToRevokeSessions); err != nil {
		return err
	}
	if !domain.ValidID(in.UserID) {
		return nil
	}
	return s.sessions.Revoke(ctx, in.Admin.Caller, in.Admin.id(), in.UserID, session.ReasonRevokeAll, s.sessions.All(in.UserID)...)
}
