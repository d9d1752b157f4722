package mfa

import (
	"context"

	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain/session"
	"github.com/authledger/authledger/domain/twofactor"
	"github.com/authledger/authledger/eventstore"
)

// DisableInput turns two-factor off. DontRemember says the caller's
// session was opened with rememberMe false (its replacement is too).
type DisableInput struct {
	PasswordInput
	DontRemember bool
}

// Disable turns two-factor off (secret, codes and trusted devices gone) on
// a session younger than FreshAge, and replaces the caller's session in the
// same append, as Better Auth does. It returns the new session's token, or
// "" when nothing changed (two-factor was already off).
func (s *Service) Disable(ctx context.Context, in DisableInput) (string, error) {
	a := in.Session
	if err := s.sessions.Fresh(a); err != nil {
		return "", err
	}
	ok, err := s.checkPassword(ctx, in.PasswordInput)
	if err != nil {
		return "", err
	}
	var token string
	err = s.app.Retry(func() error {
		now := s.app.Now()
		_, ch, derr := s.decide(ctx, a.User.ID, func(twofactor.State) twofactor.Command {
			return twofactor.Disable{PersonID: a.User.ID, PasswordOK: ok, At: now}
		})
		if derr != nil && len(ch.Events) == 0 {
			return derr
		}
		changes := []eventstore.Change{ch}
		if derr == nil && len(ch.Events) > 0 {
			more, o, err := s.sessions.Reissue(ctx, in.Caller, a.User.ID, session.ReasonRevoked,
				[]sessionindex.Session{a.Session}, !in.DontRemember, now)
			if err != nil {
				return err
			}
			changes, token = append(changes, more...), o.Token
		}
		if _, err := s.app.Commit(ctx, in.Caller.Meta(a.User.ID, now), a.User.ID, changes...); err != nil {
			return err
		}
		return derr
	})
	if err != nil {
		return "", err
	}
	return token, nil
}
