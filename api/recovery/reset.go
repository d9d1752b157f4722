package recovery

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/proof"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/password"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/signin"
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
// of the person. A set-password link (a person without a password)
// creates the credential account. When the address was never verified,
// the link proves it: everything else someone could have added while it
// was unproven goes too (see unprovenChanges). It opens no session: the
// person signs in again (with their second factor, if enrolled).
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

// apply appends PasswordReset (after account.created for a set-password
// link), releases the token's claim, records the person's side, revokes
// every session and clears the address's sign-in backoff, atomically.
func (s *Service) apply(ctx context.Context, caller app.Caller, personID, stream, hash, newHash string) error {
	return s.app.Retry(func() error {
		now := s.app.Now()
		acct, ch, err := app.Decide(ctx, s.app, account.NewDecider(), stream, func(account.State) account.Command {
			return account.ResetPassword{TokenHash: hash, Purpose: account.PurposePasswordReset, NewHash: newHash, At: now}
		})
		if err != nil {
			return err
		}
		ch.Releases = []eventstore.Claim{s.app.Claim(claimKind, hash, stream)}
		p, pc, err := s.personChange(ctx, personID, acct.ID)
		if err != nil {
			return err
		}
		var changes []eventstore.Change
		if proof.Needed(p) {
			changes, err = s.unprovenChanges(ctx, p, pc)
		} else {
			changes, err = s.sessions.RevokeChanges(ctx, session.ReasonPasswordChanged, s.sessions.All(personID))
			if len(pc.Events) > 0 {
				changes = append(changes, pc)
			}
		}
		if err != nil {
			return err
		}
		clear, err := s.clearThrottle(ctx, p.Email, now)
		if err != nil {
			return err
		}
		changes = append(changes, clear)
		_, err = s.app.Commit(ctx, caller.Meta(personID, now), personID, append([]eventstore.Change{ch}, changes...)...)
		return err
	})
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

// clearThrottle is the change that clears the sign-in backoff of the
// person's (canonical) address: the stream signin-<keyed hash> that
// password sign-in counts failures in (empty when there is none).
func (s *Service) clearThrottle(ctx context.Context, addr string, now time.Time) (eventstore.Change, error) {
	h := s.app.Claim(signin.KeyKind, addr, "").Key
	_, ch, err := app.Decide(ctx, s.app, signin.NewDecider(), signin.Stream(h), func(signin.State) signin.Command {
		return signin.Clear{AddressHash: h, Reason: signin.ReasonPasswordReset, At: now}
	})
	return ch, err
}
