package useradmin

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// SetUserPasswordInput is set-user-password's body.
type SetUserPasswordInput struct {
	Admin       Admin
	UserID      string
	NewPassword string
}

// SetUserPassword replaces a person's password (account.password_changed,
// by the administrator) under the password policy. A person without a
// password account (social sign-in only) gets one, as in Better Auth.
func (s *Service) SetUserPassword(ctx context.Context, in SetUserPasswordInput) error {
	if err := in.Admin.require("user", "set-password", ErrNotAllowedToSetPassword); err != nil {
		return err
	}
	if in.NewPassword == "" || in.UserID == "" {
		return domain.Errorf(domain.CodeValidation, "newPassword and userId cannot be empty")
	}
	p, err := s.loadPerson(ctx, in.UserID)
	if err != nil {
		return err
	}
	if err := s.identity.Config().PasswordPolicy.Check(in.NewPassword, email.LocalPart(p.Email), p.Name); err != nil {
		return err
	}
	hash, err := s.app.Hasher.Hash(ctx, in.NewPassword)
	if err != nil {
		return err
	}
	if p.CredentialAccountID == "" {
		return s.addPassword(ctx, in, hash)
	}
	_, err = app.Run(ctx, s.app, account.NewDecider(), account.Stream(p.CredentialAccountID), s.meta(in.Admin), in.UserID,
		func(account.State) account.Command {
			return account.ChangePassword{CurrentOK: true, NewHash: hash, At: s.app.Now()}
		})
	return err
}

// addPassword creates a credential account with hash for a person who has
// none and makes it theirs (person.credential_added), in one append.
func (s *Service) addPassword(ctx context.Context, in SetUserPasswordInput, hash string) error {
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return err
	}
	return s.app.Retry(func() error {
		now := s.app.Now()
		_, pc, err := app.Decide(ctx, s.app, person.NewDecider(), domain.PersonStream(in.UserID),
			func(person.State) person.Command { return person.AddCredential{AccountID: ids[0], At: now} })
		if err != nil {
			return err
		}
		aEvs, err := account.Decide(account.State{}, account.Create{AccountID: ids[0], PersonID: in.UserID,
			ProviderID: account.ProviderCredential, PasswordHash: hash, At: now})
		if err != nil {
			return err
		}
		_, err = s.app.Commit(ctx, s.meta(in.Admin), in.UserID, pc,
			eventstore.Change{Stream: account.Stream(ids[0]), Expected: eventstore.NoStream, Events: aEvs})
		return err
	})
}
