package passkeys

import (
	"context"
	"errors"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/eventstore"
)

// authenticate verifies the assertion against the person's passkey, then
// appends the outcome with the challenge claimed: the counter step and a
// new session, or a refused counter (an audit event). A challenge opens
// one session, whichever request wins. It returns the session's token.
func (s *Service) authenticate(ctx context.Context, in SignInInput, as passkey.Assertion, personID string) (string, error) {
	pk, res, err := s.verify(ctx, in.Ceremony, as, personID)
	if err != nil {
		return "", err
	}
	stream, token := authenticator.Stream(personID), ""
	err = s.app.Retry(func() error {
		now := s.app.Now()
		o, err := s.sessions.Open(in.Caller, personID, true, now)
		if err != nil {
			return err
		}
		_, ch, derr := app.Decide(ctx, s.app, authenticator.NewDecider(), stream, func(authenticator.State) authenticator.Command {
			return authenticator.Authenticate{PasskeyID: pk.ID, SignCount: res.SignCount, BackedUp: res.BackedUp,
				ChallengeID: in.Ceremony.Challenge(), SessionID: o.ID, At: now}
		})
		if len(ch.Events) == 0 { // nothing to record: the passkey went away meanwhile, or the load failed
			if errors.Is(derr, authenticator.ErrNotFound) {
				return passkey.ErrAuthenticationFailed
			}
			return derr
		}
		ch.Claims = []eventstore.Claim{s.challengeClaim(in.Ceremony, o.ID)}
		changes := []eventstore.Change{ch}
		if derr == nil {
			changes = append(changes, o.Change)
		}
		if _, err := s.app.Commit(ctx, in.Caller.Meta(personID, now), personID, changes...); errors.Is(err, eventstore.ErrClaimTaken) {
			return ErrChallengeUsed // the only claim of the append is the challenge's
		} else if err != nil {
			return err
		}
		token = o.Token
		return derr
	})
	return token, err
}

// verify checks the assertion's signature, origin, RP ID and challenge
// against the passkey it names (the counter rule is the decider's).
func (s *Service) verify(ctx context.Context, cer passkey.Ceremony, as passkey.Assertion, personID string) (authenticator.Passkey, passkey.Result, error) {
	rel, err := s.relying()
	if err != nil {
		return authenticator.Passkey{}, passkey.Result{}, err
	}
	st, err := s.passkeys(ctx, personID)
	if err != nil {
		return authenticator.Passkey{}, passkey.Result{}, err
	}
	pk, ok := st.ByCredential(as.CredentialID)
	if !ok {
		return authenticator.Passkey{}, passkey.Result{}, passkey.ErrAuthenticationFailed
	}
	only := authenticator.State{Passkeys: []authenticator.Passkey{pk}}
	res, err := rel.FinishLogin(cer, as, user(personID, "", only), s.app.Now())
	return pk, res, err
}
