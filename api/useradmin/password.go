package useradmin

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
)

// SetUserPasswordInput is set-user-password's body.
type SetUserPasswordInput struct {
	Admin       Admin
	UserID      string
	NewPassword string
}

// SetUserPassword replaces a person's password (account.password_changed,
// by the administrator) under the password policy. A person without a
// password account (social sign-in only) is refused.
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
	if p.CredentialAccountID == "" {
		return domain.Errorf(domain.CodeBadRequest, "Credential account not found")
	}
	hash, err := s.app.Hasher.Hash(ctx, in.NewPassword)
	if err != nil {
		return err
	}
	_, err = app.Run(ctx, s.app, account.NewDecider(), account.Stream(p.CredentialAccountID), s.meta(in.Admin), in.UserID,
		func(account.State) account.Command {
			return account.ChangePassword{CurrentOK: true, NewHash: hash, At: s.app.Now()}
		})
	return err
}
