package recovery

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/eventstore"
)

// ResetInput sets a new password with a reset token.
type ResetInput struct {
	Caller      app.Caller
	Token       string
	NewPassword string
}

// ResetPassword checks the token and the new password, then in one
// append sets the password, consumes the token and revokes every session
// of the person (and, when the address was never verified, removes every
// passkey: see withoutUnprovenPasskeys). It opens no session: the person signs in again (with
// their second factor, if enrolled).
func (s *Service) ResetPassword(ctx context.Context, in ResetInput) error {
	if err := s.checkMax(in.NewPassword); err != nil {
		return err
	}
	st, stream, err := s.pending(ctx, in.Token)
	if err != nil {
		return err
	}
	u, _ := s.sessions.User(st.PersonID)
	if err := s.cfg.Policy.Check(in.NewPassword, email.LocalPart(u.Email), u.Name); err != nil {
		return err
	}
	newHash, err := s.app.Hasher.Hash(ctx, in.NewPassword)
	if err != nil {
		return err
	}
	return s.apply(ctx, in.Caller, st.PersonID, stream, account.HashResetToken(in.Token), newHash)
}

// apply appends PasswordReset, releases the token's claim and revokes
// every session, atomically.
func (s *Service) apply(ctx context.Context, caller app.Caller, personID, stream, hash, newHash string) error {
	return s.app.Retry(func() error {
		now := s.app.Now()
		_, ch, err := app.Decide(ctx, s.app, account.NewDecider(), stream, func(account.State) account.Command {
			return account.ResetPassword{TokenHash: hash, Purpose: account.PurposePasswordReset, NewHash: newHash, At: now}
		})
		if err != nil {
			return err
		}
		revokes, err := s.sessions.RevokeChanges(ctx, session.ReasonPasswordChanged, s.sessions.All(personID))
		if err != nil {
			return err
		}
		ch.Releases = []eventstore.Claim{s.app.Claim(claimKind, hash, stream)}
		changes := append([]eventstore.Change{ch}, revokes...)
		if changes, err = s.withoutUnprovenPasskeys(ctx, personID, changes); err != nil {
			return err
		}
		_, err = s.app.Commit(ctx, caller.Meta(personID, now), personID, changes...)
		return err
	})
}

// withoutUnprovenPasskeys adds the removal of every passkey when the
// person's address was never verified: the reset link proved it now, and
// a passkey registered before may be someone else's (account
// pre-hijacking).
func (s *Service) withoutUnprovenPasskeys(ctx context.Context, personID string, changes []eventstore.Change) ([]eventstore.Change, error) {
	if s.cfg.Passkeys == nil {
		return changes, nil
	}
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil || p.EmailVerified {
		return changes, err
	}
	pk, err := s.cfg.Passkeys.RemoveAllChange(ctx, personID)
	if err != nil || len(pk.Events) == 0 {
		return changes, err
	}
	return append(changes, pk), nil
}

// pending resolves a token to its account when it is the pending,
// unexpired reset token of that account; anything else is
// account.ErrInvalidToken.
func (s *Service) pending(ctx context.Context, token string) (account.State, string, error) {
	if token == "" || len(token) > 256 {
		return account.State{}, "", account.ErrInvalidToken
	}
	hash := account.HashResetToken(token)
	stream, err := s.app.Owner(ctx, claimKind, hash)
	if errors.Is(err, eventstore.ErrClaimNotFound) || err == nil && !strings.HasPrefix(stream, account.Stream("")) {
		return account.State{}, "", account.ErrInvalidToken
	}
	if err != nil {
		return account.State{}, "", err
	}
	st, _, err := app.Load(ctx, s.app, account.NewDecider(), stream)
	if err != nil {
		return account.State{}, "", err
	}
	if st.ResetTokenHash != hash || st.ResetPurpose != account.PurposePasswordReset || !s.app.Now().Before(st.ResetExpiresAt) {
		return account.State{}, "", account.ErrInvalidToken
	}
	return st, stream, nil
}

// checkMax rejects over-long passwords before any hashing.
func (s *Service) checkMax(pw string) error {
	maxBytes, maxLen := s.cfg.Policy.MaxBytes, s.cfg.Policy.MaxLength
	if maxBytes == 0 {
		maxBytes = password.DefaultMaxBytes
	}
	if maxLen == 0 {
		maxLen = password.DefaultMaxLength
	}
	if len(pw) > maxBytes || utf8.RuneCountInString(pw) > maxLen {
		return domain.ErrPasswordTooLong
	}
	return nil
}
