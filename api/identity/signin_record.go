package identity

import (
	"context"
	"errors"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/api/token"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/domain/signin"
	"github.com/authledger/authledger/eventstore"
)

// passwordSignIn verifies the password once (however often a concurrent
// writer makes the sign-in retry) and appends the outcome with the
// throttle's (a failure counts, a success clears): a failure (an audit
// event), a session (rehashing the password when its parameters changed),
// or, with two-factor on, a pending challenge.
func (s *Service) passwordSignIn(ctx context.Context, in SignInInput, personID string, p person.State, g gate,
	at *attempt, now time.Time) (SignInResult, error) {
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return SignInResult{}, err
	}
	tok, err := token.NewSession(s.app.Rand)
	if err != nil {
		return SignInResult{}, err
	}
	res := SignInResult{SignedIn: SignedIn{PersonID: personID, Token: tok, Remember: in.RememberMe}}
	_, ch, derr := app.DecideCheckedCached(ctx, s.app, account.NewDecider(), account.Stream(p.CredentialAccountID), s.accounts,
		func(st account.State) (account.Command, error) {
			if !at.hashed {
				var err error
				if at.check.ok, at.check.rehash, err = s.verify(ctx, st, in.Password); err != nil {
					return nil, err
				}
				at.hashed = true
			}
			ok := at.check.ok
			if ok && s.needsProof(p) {
				return nil, person.ErrEmailNotVerified
			}
			if ok && !p.Banned && !at.hooked { // the before-hook is asked once, after the password, before the session
				if err := s.beforeSignIn(ctx, in, personID, p); err != nil {
					return nil, err
				}
				at.hooked = true
			}
			if ok { // a wrong password asks nothing of two-factor: the same reads as an unknown address
				var err error
				if res.Challenge, res.Pending, err = s.challenge(ctx, in, personID, st); err != nil {
					return nil, err
				}
			}
			return account.RecordSignIn{PasswordOK: ok, SessionID: ids[0], Rehash: at.check.rehash,
				Banned: p.BannedAt(now), ChallengeID: res.Challenge.ID, At: now}, nil
		})
	if errors.Is(derr, person.ErrEmailNotVerified) || isRefusal(derr) || ch.Stream == "" {
		return res, derr
	}
	changes := []eventstore.Change{ch}
	switch {
	case errors.Is(derr, domain.ErrInvalidCredentials):
		gc, _ := g.change(signin.Fail{AddressHash: g.hash, At: now})
		changes = append(changes, gc)
	case derr == nil:
		gc, _ := g.change(signin.Clear{AddressHash: g.hash, Reason: signin.ReasonSignedIn, At: now})
		changes = append(changes, gc)
	}
	if derr == nil && p.Banned { // the ban has expired: lift it with the sign-in, as Better Auth does
		lift, ok, err := s.sessions.LiftExpiredBan(ctx, personID, now)
		if err != nil {
			return res, err
		}
		if ok {
			changes = append(changes, lift)
		}
	}
	return res, s.recordSignIn(ctx, in, personID, changes, derr, res, ids[0], now)
}

// needsProof reports whether sign-in must wait for the person to prove
// their address.
func (s *Service) needsProof(p person.State) bool {
	return s.cfg.Verification != nil && s.cfg.Verification.Required() && !p.EmailVerified
}

// signInCheck is the outcome of the password check before the decider runs.
type signInCheck struct {
	ok     bool
	rehash string
}

// challenge asks the second factor whether this sign-in needs one.
func (s *Service) challenge(ctx context.Context, in SignInInput, personID string, st account.State) (mfa.Challenge, bool, error) {
	if s.second == nil {
		return mfa.Challenge{}, false, nil
	}
	return s.second.Challenge(ctx, personID, in.Device, st.PasswordAt, in.RememberMe)
}

// verify checks the password (a dummy hash keeps the timing when the
// account has none). It returns a rehash under current parameters
// when the stored one is outdated; a failed rehash never fails the login.
func (s *Service) verify(ctx context.Context, st account.State, pw string) (bool, string, error) {
	if st.PasswordHash == "" {
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

// recordSignIn appends the decided outcome (a refusal's audit event too);
// a session is opened only on success without a pending challenge.
func (s *Service) recordSignIn(ctx context.Context, in SignInInput, personID string, changes []eventstore.Change, derr error,
	res SignInResult, sessionID string, now time.Time) error {
	if derr == nil && !res.Pending {
		o, err := s.sessions.OpenWith(in.Caller, sessionID, personID, res.Token, in.RememberMe, now)
		if err != nil {
			return err
		}
		changes = append(changes, o.Change)
	}
	if _, err := s.app.Commit(ctx, in.Caller.Meta(personID, now), personID, changes...); err != nil {
		return err
	}
	return derr
}
