package verification

import (
	"context"
	"fmt"
	"strconv"

	"github.com/authledger/authledger/api/mail"
	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// unproven extends pc, the person's change proving their address (st is
// the person it was decided on), with the end of what an account created
// with someone else's address could hold (see package proof): every
// session except the caller's own when the caller is that person, every
// passkey, two-factor and its trusted devices, and every external account
// but the one the person signed up with. The password stays: the link
// confirms the sign-up that set it, and the owner is told to reset it if
// the sign-up was not theirs. It returns every change to append and how
// many things were removed.
func (s *Service) unproven(ctx context.Context, authed *sessions.Authed, st person.State, pc eventstore.Change, via string) ([]eventstore.Change, int, error) {
	p := proof.Proof{Via: via, Reason: session.ReasonEmailVerified, KeepPassword: true,
		KeepAccounts: proof.SignUpAccounts(st)}
	if authed != nil && authed.User.ID == st.ID {
		p.KeepSession = authed.Session.ID
	}
	ch, rm, err := s.proof.Changes(ctx, st, pc, p)
	return ch, rm.Sessions + rm.Passkeys + rm.Accounts + btoi(rm.TwoFactor), err
}

// btoi is 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// notifyRevoked tells the owner of a just-proven address that sessions
// opened before were ended; a failure is only logged.
func (s *Service) notifyRevoked(ctx context.Context, personID string, n int) {
	u, ok := s.sessions.User(personID)
	if !ok {
		return
	}
	text := "Your email address is confirmed. " + strconv.Itoa(n) + " session(s), passkey(s), linked account(s) or " +
		"two-factor setting(s) added before it was confirmed were removed, in case someone else created or used " +
		"this account with your address.\n\nIf you did not create this account, reset its password.\n"
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
