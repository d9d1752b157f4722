package identity

import (
	"context"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/token"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// passwordSignIn verifies the password once and appends the outcome: a
// failure (an audit event), a session (rehashing the password when its
// parameters changed), or, with two-factor on, a pending challenge.
func (s *Service) passwordSignIn(ctx context.Context, in SignInInput, personID string, p person.State) (SignInResult, error) {
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return SignInResult{}, err
	}
	tok, err := token.NewSession(s.app.Rand)
	if err != nil {
		return SignInResult{}, err
	}
	res := SignInResult{SignedIn: SignedIn{PersonID: personID, Token: tok, Remember: in.RememberMe}}
	var chk signInCheck
	verified := false
	err = s.app.Retry(func() error {
		st, v, err := app.Load(ctx, s.app, account.NewDecider(), account.Stream(p.CredentialAccountID))
		if err != nil {
			return err
		}
		if !verified {
			if chk.ok, chk.rehash, err = s.verify(ctx, st, in.Password); err != nil {
				return err
			}
			verified = true
		}
		chk.banned = p.Banned
		if res.Challenge, res.Pending, err = s.challenge(ctx, in, personID, st); err != nil {
			return err
		}
		return s.recordSignIn(ctx, in, st, v, chk, res, ids[0])
	})
	return res, err
}

// signInCheck is the outcome of the impure checks before the decider runs.
type signInCheck struct {
	ok     bool
	rehash string
	banned bool
}

// challenge asks the second factor whether this sign-in needs one.
func (s *Service) challenge(ctx context.Context, in SignInInput, personID string, st account.State) (mfa.Challenge, bool, error) {
	if s.second == nil {
		return mfa.Challenge{}, false, nil
	}
	return s.second.Challenge(ctx, personID, in.Device, st.PasswordAt, in.RememberMe)
}

// verify checks the password unless the account is locked (then a dummy
// hash keeps the timing). It returns a rehash under current parameters
// when the stored one is outdated; a failed rehash never fails the login.
func (s *Service) verify(ctx context.Context, st account.State, pw string) (bool, string, error) {
	if locked, _ := s.cfg.Lockout.Locked(st, s.app.Clock()); locked || st.PasswordHash == "" {
		return false, "", s.app.Hasher.VerifyDummy(ctx, pw)
	}
	ok, needsRehash, err := s.app.Hasher.Verify(ctx, pw, st.PasswordHash)
	if err != nil || !ok || !needsRehash {
		return ok, "", err
	}
	h, err := s.app.Hasher.Hash(ctx, pw)
	if err != nil {
		s.app.Logger.Warn("password rehash failed", "account", st.ID, "err", err)
		return true, "", nil
	}
	return true, h, nil
}

// recordSignIn decides and appends the sign-in outcome; a session is
// opened only on success without a pending challenge.
func (s *Service) recordSignIn(ctx context.Context, in SignInInput, st account.State, v uint64, chk signInCheck, res SignInResult, sessionID string) error {
	now := s.app.Now()
	evs, derr := account.Decide(st, account.RecordSignIn{PasswordOK: chk.ok, SessionID: sessionID, Rehash: chk.rehash,
		Banned: chk.banned, Lockout: s.cfg.Lockout, ChallengeID: res.Challenge.ID, At: now})
	changes := []eventstore.Change{{Stream: account.Stream(st.ID), Expected: eventstore.Exactly(v), Events: evs}}
	if derr == nil && !res.Pending {
		o, err := s.sessions.OpenWith(in.Caller, sessionID, st.PersonID, res.Token, in.RememberMe, now)
		if err != nil {
			return err
		}
		changes = append(changes, o.Change)
	}
	if _, err := s.app.Commit(ctx, in.Caller.Meta(st.PersonID, now), st.PersonID, changes...); err != nil {
		return err
	}
	return derr
}
