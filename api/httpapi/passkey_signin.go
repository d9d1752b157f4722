package httpapi

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/httpapi/wire"
	"github.com/authledger/authledger/api/token"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// authenticationBody is the body of verify-authentication.
type authenticationBody struct {
	Response json.RawMessage `json:"response"`
}

// passkeyAuthenticateOptions answers the request options of a
// discoverable sign-in (no session, no email: the authenticator offers
// its passkeys for the RP) and sets the challenge cookie.
func (s *Server) passkeyAuthenticateOptions(c echo.Context) error {
	rel, err := s.ceremonies()
	if err != nil {
		return err
	}
	opts, cer, err := rel.BeginLogin(s.now())
	if err != nil {
		return err
	}
	if err := s.setCeremonyCookie(c, cer); err != nil {
		return err
	}
	return ok200(c, opts)
}

// passkeyVerifyAuthentication verifies an assertion and opens a session.
// The credential id names the person (claim lookup, never a projection);
// the user handle must name the same person. The counter rule, the
// session and the claim on the challenge go in one append: a challenge
// opens one session, whichever request wins.
func (s *Server) passkeyVerifyAuthentication(c echo.Context) error {
	var b authenticationBody
	if err := decode(c, &b); err != nil {
		return err
	}
	if _, err := passkeyName(b.Response, nil); err != nil {
		return err
	}
	cer, err := s.readFreshCeremony(c)
	if err != nil {
		return err
	}
	as, err := passkey.ParseAssertion(b.Response)
	if err != nil {
		return err
	}
	personID, err := s.passkeyOwner(c, as.CredentialID)
	if err != nil {
		return err
	}
	token, err := s.passkeySignIn(c, cer, as, personID)
	if err != nil {
		return err
	}
	s.clearCeremonyCookie(c)
	a, found, _ := s.lookup(token)
	if !found {
		return domain.ErrUnavailable
	}
	s.setSessionCookies(c, token, true)
	return wire.WriteSessionAndUser(c, wire.SessionAndUser{Session: wire.ToSession(a.session, token), User: wire.ToUser(a.user)})
}

// passkeyOwner finds the person a credential is registered to; an
// unknown credential, an erased or a banned person cannot sign in.
func (s *Server) passkeyOwner(c echo.Context, credentialID string) (string, error) {
	ctx := c.Request().Context()
	cl := s.claim(claimPasskeyCredential, credentialID, "")
	owner, err := s.cfg.Store.LookupClaim(ctx, cl.Kind, cl.Key)
	if errors.Is(err, eventstore.ErrClaimNotFound) || (err == nil && !strings.HasPrefix(owner, authenticator.StreamPrefix)) {
		return "", passkey.ErrAuthenticationFailed
	}
	if err != nil {
		return "", err
	}
	personID := strings.TrimPrefix(owner, authenticator.StreamPrefix)
	p, _, err := eventstore.Load(ctx, s.cfg.Store, s.cfg.Codec, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return "", err
	}
	if !p.Exists {
		return "", passkey.ErrAuthenticationFailed
	}
	if p.Banned {
		return "", domain.Errorf(domain.CodeBanned, "You have been banned from this application")
	}
	return personID, nil
}

// passkeySignIn verifies the assertion against the person's passkeys and
// appends the outcome: a session (with the challenge claimed), or a
// refused counter (an audit event, the challenge claimed all the same).
func (s *Server) passkeySignIn(c echo.Context, cer passkey.Ceremony, as passkey.Assertion, personID string) (string, error) {
	rel, err := s.ceremonies()
	if err != nil {
		return "", err
	}
	ids, err := s.newIDs(1)
	if err != nil {
		return "", err
	}
	token, err := token.NewSession(s.cfg.Rand)
	if err != nil {
		return "", err
	}
	err = retryCode(func() error {
		st, v, err := s.loadPasskeys(c, personID)
		if err != nil {
			return err
		}
		pk, ok := st.ByCredential(as.CredentialID)
		if !ok {
			return passkey.ErrAuthenticationFailed
		}
		now := s.now()
		res, err := rel.FinishLogin(cer, as, passkeyUser(personID, "", authenticator.State{Passkeys: []authenticator.Passkey{pk}}), now)
		if err != nil {
			return err
		}
		evs, derr := authenticator.Decide(st, authenticator.Authenticate{PasskeyID: pk.ID, SignCount: res.SignCount,
			BackedUp: res.BackedUp, ChallengeID: cer.Challenge(), SessionID: ids[0], At: now})
		changes := []change{{Stream: authenticator.Stream(personID), Expected: eventstore.Exactly(v), Events: evs,
			Claims: []eventstore.Claim{s.challengeClaim(cer, ids[0])}}}
		if derr == nil {
			sEvs, err := s.newSession(c, ids[0], personID, token, true, now)
			if err != nil {
				return err
			}
			changes = append(changes, change{Stream: domain.SessionStream(ids[0]), Expected: eventstore.NoStream, Events: sEvs})
		}
		_, err = s.commit(c, s.meta(c, personID, now), personID, changes...)
		if err := s.claimError(c, cer, err, errChallengeUsed); err != nil {
			return err
		}
		return derr
	})
	return token, err
}
