package verification

import (
	"context"
	"strconv"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// unproven returns the revocations of the person's sessions that were
// opened before their address was proven, except the caller's own when
// the caller is that person: an account created with someone else's
// address keeps no session its creator opened once the owner proves it.
func (s *Service) unproven(ctx context.Context, authed *sessions.Authed, personID string) ([]eventstore.Change, error) {
	targets := s.sessions.All(personID)
	if authed != nil && authed.User.ID == personID {
		targets = s.sessions.Others(*authed)
	}
	return s.sessions.RevokeChanges(ctx, session.ReasonEmailVerified, targets)
}

// notifyRevoked tells the owner of a just-proven address that sessions
// opened before were ended; a failure is only logged.
func (s *Service) notifyRevoked(ctx context.Context, personID string, n int) {
	u, ok := s.sessions.User(personID)
	if !ok {
		return
	}
	text := "Your email address is confirmed. " + strconv.Itoa(n) + " session(s) opened before it was confirmed " +
		"were signed out, in case someone else created or used this account with your address.\n\n" +
		"If you did not create this account, reset its password.\n"
	if err := s.send(ctx, personID, u.Email, "Your email address is confirmed", text); err != nil {
		s.app.Logger.Warn("verification notice failed", "person", personID, "err", err)
	}
}
