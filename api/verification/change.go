package verification

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// changeClaimKind indexes pending change-email links to their person
// stream; the kind keeps them apart from verification links.
const changeClaimKind = "change_email"

// ChangeInput asks to move the caller's address to NewEmail.
type ChangeInput struct {
	Caller      app.Caller
	Authed      sessions.Authed
	NewEmail    string
	CallbackURL string
}

// ChangeEmail starts moving the caller's address (Better Auth's flow when
// it can mail): a verified address first approves the change by a link
// mailed to it, an unverified one goes straight to a link mailed to the
// new address; nothing moves until that link is followed. An address
// someone already has is answered alike, with nothing recorded or mailed.
func (s *Service) ChangeEmail(ctx context.Context, in ChangeInput) error {
	if !s.cfg.ChangeEmail {
		return person.ErrChangeEmailDisabled
	}
	if !s.Enabled() {
		return person.ErrVerificationEmailOff
	}
	addr, err := email.Canonicalize(in.NewEmail)
	if err != nil {
		return ErrInvalidEmail
	}
	if own, _ := email.Canonicalize(in.Authed.User.Email); own == addr {
		return person.ErrEmailIsTheSame
	}
	if err := s.sessions.Fresh(in.Authed); err != nil {
		return err
	}
	if _, err := s.app.Owner(ctx, "email", addr); err == nil || !errors.Is(err, eventstore.ErrClaimNotFound) {
		return err
	}
	personID := in.Authed.User.ID
	mailID, tok, err := maillink.NewSecrets(s.app.Secret).New(s.app.Rand, maillink.PurposeChange)
	if err != nil {
		return err
	}
	hash, stream, now := maillink.Hash(tok), domain.PersonStream(personID), s.app.Now()
	_, err = app.Handle(ctx, s.app, eventstore.Command[person.State, person.Command]{
		Decider: person.NewDecider(), Stream: stream, Meta: in.Caller.Meta(personID, now), KeyRef: personID,
		Build: func(st person.State) (person.Command, error) {
			stage := person.ChangeStageVerify
			if st.EmailVerified {
				stage = person.ChangeStageConfirm
			}
			return person.RequestEmailChange{TokenHash: hash, NewEmail: addr, Stage: stage,
				ExpiresAt: now.Add(s.cfg.TTL), At: now, MailID: mailID, CallbackURL: s.callback(in.CallbackURL)}, nil
		},
		With: func(st person.State, _ []domain.Event) ([]eventstore.Change, error) {
			return []eventstore.Change{s.relinked(stream, hash, st.ChangeTokenHash)}, nil
		},
	})
	return err
}

// relinked claims a new change-email link, releasing the one it replaces.
func (s *Service) relinked(stream, hash, old string) eventstore.Change {
	ch := eventstore.Change{Stream: stream, Claims: []eventstore.Claim{s.app.Claim(changeClaimKind, hash, stream)}}
	if old != "" {
		ch.Releases = []eventstore.Claim{s.app.Claim(changeClaimKind, old, stream)}
	}
	return ch
}
