package recovery

import (
	"context"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// A person without a password (signed up through a provider, or whose
// password was unlinked) asks for a reset link like anyone else: the link
// is recorded on the account stream named by their own id, which has no
// live account, with the same token rules (single use, purpose-bound,
// expiring, a new request supersedes the pending one); following it
// creates the credential account there and makes it the person's
// password.

// credentialAccount is the account stream a reset link of p is recorded
// on, and whether it sets a first password (no credential account yet).
func credentialAccount(p person.State) (accountID string, set bool) {
	if p.CredentialAccountID != "" {
		return p.CredentialAccountID, false
	}
	return p.ID, true
}

// resetCommand is the account command recording a reset link's hash, its
// mail id and callback (the outbox mailer sends the link).
func resetCommand(personID, accountID string, set bool, hash string, now, expires time.Time, mailID, callbackURL string) account.Command {
	if set {
		return account.RequestPasswordSet{AccountID: accountID, PersonID: personID, TokenHash: hash,
			Purpose: account.PurposePasswordReset, ExpiresAt: expires, At: now, MailID: mailID, CallbackURL: callbackURL}
	}
	return account.RequestPasswordReset{TokenHash: hash, Purpose: account.PurposePasswordReset, ExpiresAt: expires, At: now,
		MailID: mailID, CallbackURL: callbackURL}
}

// personChange is the person's part of a reset: a set-password account
// becomes the person's password (person.credential_added) and an address
// never proven is proven by the link (person.email_verified). It returns
// the person before the change.
func (s *Service) personChange(ctx context.Context, personID, accountID string) (person.State, eventstore.Change, error) {
	stream := domain.PersonStream(personID)
	p, v, err := app.Load(ctx, s.app, person.NewDecider(), stream)
	if err != nil {
		return p, eventstore.Change{}, err
	}
	if !p.Exists {
		return p, eventstore.Change{}, account.ErrInvalidToken
	}
	ch := eventstore.Change{Stream: stream, Expected: eventstore.Exactly(v)}
	var cmds []person.Command
	if p.CredentialAccountID != accountID {
		cmds = append(cmds, person.AddCredential{AccountID: accountID, At: s.app.Now()})
	}
	cmds = append(cmds, person.ProveEmail{Via: person.ViaPasswordReset, At: s.app.Now()})
	st := p
	for _, c := range cmds {
		evs, err := person.Decide(st, c)
		if err != nil {
			return p, eventstore.Change{}, err
		}
		for _, ev := range evs {
			st = person.Evolve(st, ev)
		}
		ch.Events = append(ch.Events, evs...)
	}
	return p, ch, nil
}

// unprovenChanges is what a reset that proves an address ends besides the
// password it replaces: every session, passkey, second factor (and trusted
// device) and linked account (see package proof). pc is the person's
// change decided on p.
func (s *Service) unprovenChanges(ctx context.Context, p person.State, pc eventstore.Change) ([]eventstore.Change, error) {
	ch, _, err := s.proof.Changes(ctx, p, pc, proof.Proof{Via: person.ViaPasswordReset,
		Reason: session.ReasonPasswordChanged, KeepPassword: true})
	return ch, err
}
