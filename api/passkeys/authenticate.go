package passkeys

import (
	"context"
	"errors"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/eventstore"
)

// authenticate verifies the assertion against the person's passkey and
// appends the outcome with the challenge claimed: the counter step and a
// new session, or a refused counter (an audit event). A challenge opens
// one session, whichever request wins. It returns the session's token.
func (s *Service) authenticate(ctx context.Context, in SignInInput, as passkey.Assertion, personID string) (string, error) {
	rel, err := s.relying()
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
		_, ch, derr := app.DecideChecked(ctx, s.app, authenticator.NewDecider(), stream,
			func(st authenticator.State) (authenticator.Command, error) {
				return verified(rel, st, in.Ceremony, as, personID, o.ID, now)
			})
		if len(ch.Events) == 0 { // refused before the decider, or the load failed: nothing to record
			return derr
		}
		ch.Claims = []eventstore.Claim{s.challengeClaim(in.Ceremony, o.ID)}
		changes := []eventstore.Change{ch}
		if derr == nil {
			changes = append(changes, o.Change)
			lift, ok, err := s.sessions.LiftExpiredBan(ctx, personID, now) // an expired ban ends here
			if err != nil {
				return err
			}
			if ok {
				changes = append(changes, lift)
			}
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

// verified checks the assertion against the passkey of st it names: the
// signature, origin, RP ID, challenge, and that the user handle is
// personID. It returns the command that lets the decider apply the
// counter rule for a sign-in into sessionID.
func verified(rel *passkey.Relying, st authenticator.State, cer passkey.Ceremony, as passkey.Assertion,
	personID, sessionID string, now time.Time) (authenticator.Command, error) {
	pk, ok := st.ByCredential(as.CredentialID)
	if !ok {
		return nil, passkey.ErrAuthenticationFailed
	}
	only := authenticator.State{Passkeys: []authenticator.Passkey{pk}}
	res, err := rel.FinishLogin(cer, as, user(personID, "", only), now)
	if err != nil {
		return nil, err
	}
	return authenticator.Authenticate{PasskeyID: pk.ID, SignCount: res.SignCount, BackedUp: res.BackedUp,
		ChallengeID: cer.Challenge(), SessionID: sessionID, At: now}, nil
}
