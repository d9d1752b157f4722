package mfa

import (
	"context"

	"github.com/authledger/authledger/api/token"
	"github.com/authledger/authledger/eventstore"
)

// verifySignIn completes a pending sign-in: an accepted code and a new
// session (a fresh token: nothing of the password step is reused) in one
// append; the stream's expected version makes a code work exactly once
// even when two requests race.
func (s *Service) verifySignIn(ctx context.Context, in VerifyInput) (Verified, error) {
	ch := in.Challenge
	ids, err := s.app.NewIDs(2)
	if err != nil {
		return Verified{}, err
	}
	tok, err := token.NewSession(s.app.Rand)
	if err != nil {
		return Verified{}, err
	}
	out := Verified{PersonID: ch.PersonID, Token: tok, Remember: ch.Remember, SignedIn: true}
	err = s.app.RetryCode(func() error {
		now := s.app.Now()
		_, tf, derr := s.decide(ctx, ch.PersonID, s.verifyCommand(in, false, ids[0], now))
		if derr != nil && len(tf.Events) == 0 {
			return derr
		}
		changes := []eventstore.Change{tf}
		if derr == nil {
			o, err := s.sessions.OpenWith(in.Caller, ids[0], ch.PersonID, tok, ch.Remember, now)
			if err != nil {
				return err
			}
			changes = append(changes, o.Change)
		}
		if _, err := s.app.Commit(ctx, in.Caller.Meta(ch.PersonID, now), ch.PersonID, changes...); err != nil {
			return err
		}
		if in.TrustDevice {
			out.Trust = Device{PersonID: ch.PersonID, ID: ids[1], Issued: now}
		}
		return derr
	})
	if err != nil {
		return Verified{}, err
	}
	return out, nil
}
