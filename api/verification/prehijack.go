package verification

import (
	"context"
	"fmt"
	"strconv"

	"github.com/authledger/authledger/api/mail"

	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// unproven returns the revocations of the person's sessions that were
// opened before their address was proven, except the caller's own when
// the caller is that person, and the removal of every passkey: an account
// created with someone else's address keeps nothing its creator added
// once the owner proves it. n counts the sessions and passkeys ended.
func (s *Service) unproven(ctx context.Context, authed *sessions.Authed, personID string) (ch []eventstore.Change, n int, err error) {
	targets := s.sessions.All(personID)
	if authed != nil && authed.User.ID == personID {
		targets = s.sessions.Others(*authed)
	}
	ch, err = s.sessions.RevokeChanges(ctx, session.ReasonEmailVerified, targets)
	if err != nil || s.cfg.Passkeys == nil {
		return ch, len(ch), err
	}
	pk, err := s.cfg.Passkeys.RemoveAllChange(ctx, personID)
	if err != nil || len(pk.Events) == 0 {
		return ch, len(ch), err
	}
	return append(ch, pk), len(ch) + len(pk.Events), nil
}

// notifyRevoked tells the owner of a just-proven address that sessions
// opened before were ended; a failure is only logged.
func (s *Service) notifyRevoked(ctx context.Context, personID string, n int) {
	u, ok := s.sessions.User(personID)
	if !ok {
		return
	}
	text := "Your email address is confirmed. " + strconv.Itoa(n) + " session(s) and passkey(s) added before it was " +
		"confirmed were removed, in case someone else created or used this account with your address.\n\n" +
		"If you did not create this account, reset its password.\n"
	if err := s.send(ctx, personID, u.Email, "Your email address is confirmed", text); err != nil {
		s.app.Logger.Warn("verification notice failed", "person", personID, "err", err)
	}
}

// send mails one notice directly (best effort, not through the outbox:
// it carries no secret and a lost one costs nothing). Logs and errors name
// the person, never the address.
func (s *Service) send(ctx context.Context, personID, to, subject, text string) error {
	if err := s.cfg.Mailer.Send(ctx, mail.Message{To: to, Subject: subject, Text: text}); err != nil {
		return fmt.Errorf("verification email for person %s: %w", personID, err)
	}
	return nil
}
