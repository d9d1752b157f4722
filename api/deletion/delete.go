package deletion

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/compliance"
	"github.com/authledger/authledger/api/maillink"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// claimKind indexes pending delete-account links to their person stream.
const claimKind = "delete_account"

// DeleteInput is a signed-in person asking to delete their account, with
// their password, an emailed link's token, or neither (then the session
// must be fresh).
type DeleteInput struct {
	Caller      app.Caller
	Authed      sessions.Authed
	Password    string
	Token       string
	CallbackURL string
}

// DeleteResult says whether the account is gone or a link was mailed.
type DeleteResult struct {
	Deleted bool
	Mailed  bool
}

// Delete checks the password when one is given (INVALID_PASSWORD, nothing
// appended), then erases the account with the emailed token, or mails a
// link (ByEmail), or erases it when a password was given or the session
// is fresh (SESSION_NOT_FRESH otherwise).
func (s *Service) Delete(ctx context.Context, in DeleteInput) (DeleteResult, error) {
	if !s.cfg.Enabled {
		return DeleteResult{}, domain.ErrNotFound
	}
	id := in.Authed.User.ID
	if in.Password != "" {
		if err := s.checkPassword(ctx, id, in.Password); err != nil {
			return DeleteResult{}, err
		}
	}
	switch {
	case in.Token != "":
		return DeleteResult{Deleted: true}, s.deleteWithToken(ctx, in.Caller, id, in.Token)
	case s.cfg.ByEmail:
		return DeleteResult{Mailed: true}, s.mailLink(ctx, in.Caller, in.Authed.User, in.CallbackURL)
	case in.Password == "":
		if err := s.sessions.Fresh(in.Authed); err != nil {
			return DeleteResult{}, err
		}
	}
	return DeleteResult{Deleted: true}, s.erase(ctx, in.Caller, id)
}

// CallbackInput is a followed delete-account link; Authed is the caller's
// session (nil without one).
type CallbackInput struct {
	Caller app.Caller
	Authed *sessions.Authed
	Token  string
}

// Callback erases the signed-in person's account with their emailed
// link; a link of another person, or none pending, is INVALID_TOKEN.
func (s *Service) Callback(ctx context.Context, in CallbackInput) error {
	if !s.cfg.Enabled {
		return domain.ErrNotFound
	}
	if in.Authed == nil {
		return ErrFailedToGetUserInfo
	}
	return s.deleteWithToken(ctx, in.Caller, in.Authed.User.ID, in.Token)
}

func (s *Service) checkPassword(ctx context.Context, personID, pw string) error {
	if err := s.passwords.CheckMax(pw); err != nil {
		return err
	}
	ok, err := s.passwords.Matches(ctx, personID, pw)
	if err != nil {
		return err
	}
	if !ok {
		return domain.ErrInvalidPassword
	}
	return nil
}

// deleteWithToken erases the person when tok is their pending link.
func (s *Service) deleteWithToken(ctx context.Context, caller app.Caller, personID, tok string) error {
	if len(tok) > 256 {
		return person.ErrInvalidToken
	}
	st, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return err
	}
	if err := person.CheckDeletionToken(st, maillink.Hash(tok), s.app.Now()); err != nil {
		return err
	}
	return s.erase(ctx, caller, personID)
}

// erase is compliance's erasure of the person, asked by themselves.
func (s *Service) erase(ctx context.Context, caller app.Caller, personID string) error {
	_, err := s.erasure.Forget(ctx, compliance.ForgetInput{Caller: caller, Actor: personID, PersonID: personID})
	return err
}

// mailLink records a delete-account link; the outbox mailer mails it to
// the person after the commit (the token is derived from the event's
// mail id, see api/maillink).
func (s *Service) mailLink(ctx context.Context, caller app.Caller, u sessionindex.User, callbackURL string) error {
	if s.cfg.Mailer == nil {
		return domain.Errorf(domain.CodeUnavailable, "delete-account mail is not configured")
	}
	mailID, tok, err := maillink.NewSecrets(s.app.Secret).New(s.app.Rand, maillink.PurposeDelete)
	if err != nil {
		return err
	}
	hash, stream, now := maillink.Hash(tok), domain.PersonStream(u.ID), s.app.Now()
	_, err = app.Handle(ctx, s.app, eventstore.Command[person.State, person.Command]{
		Decider: person.NewDecider(), Stream: stream, Meta: caller.Meta(u.ID, now), KeyRef: u.ID,
		Build: func(person.State) (person.Command, error) {
			return person.RequestDeletion{TokenHash: hash, ExpiresAt: now.Add(s.cfg.TTL), At: now,
				MailID: mailID, CallbackURL: callbackURL}, nil
		},
		With: func(st person.State, _ []domain.Event) ([]eventstore.Change, error) {
			ch := eventstore.Change{Stream: stream, Claims: []eventstore.Claim{s.app.Claim(claimKind, hash, stream)}}
			if st.DeleteTokenHash != "" {
				ch.Releases = []eventstore.Claim{s.app.Claim(claimKind, st.DeleteTokenHash, stream)}
			}
			return []eventstore.Change{ch}, nil
		},
	})
	return err
}
