package identity

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
)

// VerifyPasswordInput asks whether Password is the caller's password.
type VerifyPasswordInput struct {
	SessionInput
	Password string
}

// VerifyPassword checks the caller's password against their credential
// account and records the outcome. A wrong password is
// domain.ErrInvalidPassword and counts toward the per-account lockout like
// a failed sign-in; while locked every attempt is refused (a dummy hash
// keeps the timing) and counted.
func (s *Service) VerifyPassword(ctx context.Context, in VerifyPasswordInput) error {
	if err := s.passwords.CheckMax(in.Password); err != nil {
		return domain.ErrInvalidPassword
	}
	personID := in.Session.User.ID
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return err
	}
	if p.CredentialAccountID == "" { // no password to check: Better Auth answers INVALID_PASSWORD
		if err := s.app.Hasher.VerifyDummy(ctx, in.Password); err != nil {
			return err
		}
		return domain.ErrInvalidPassword
	}
	verified, ok := false, false
	return s.app.Retry(func() error {
		now := s.app.Now()
		_, ch, derr := app.DecideChecked(ctx, s.app, account.NewDecider(), account.Stream(p.CredentialAccountID),
			func(st account.State) (account.Command, error) {
				if !verified { // hash once, however often a concurrent writer makes this retry
					var err error
					if ok, _, err = s.verify(ctx, st, in.Password); err != nil {
						return nil, err
					}
					verified = true
				}
				return account.VerifyPassword{PasswordOK: ok, Lockout: s.cfg.Lockout, At: now}, nil
			})
		if _, err := s.app.Commit(ctx, in.Caller.Meta(personID, now), personID, ch); err != nil {
			return err
		}
		return derr
	})
}
