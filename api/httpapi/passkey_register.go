package httpapi

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/eventstore"
	"github.com/labstack/echo/v4"
)

// Claim kinds of the passkey plugin: a credential id belongs to one
// person; a challenge completes one ceremony.
const (
	claimPasskeyCredential = "passkey_credential"
	claimPasskeyChallenge  = "passkey_challenge"
)

// registrationBody is the body of verify-registration.
type registrationBody struct {
	Response      json.RawMessage `json:"response"`
	Name          *string         `json:"name,omitempty"`
	CreateSession *bool           `json:"createSession,omitempty"`
}

// passkeyRegisterOptions answers the creation options for the signed-in
// person (their passkeys excluded) and sets the challenge cookie.
func (s *Server) passkeyRegisterOptions(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	attachment := c.QueryParam("authenticatorAttachment")
	if attachment != "" && attachment != "platform" && attachment != "cross-platform" {
		return domain.Errorf(domain.CodeValidation, "[query.authenticatorAttachment] Invalid option")
	}
	rel, err := s.ceremonies()
	if err != nil {
		return err
	}
	st, _, err := s.loadPasskeys(c, a.user.ID)
	if err != nil {
		return err
	}
	opts, cer, err := rel.BeginRegistration(passkeyUser(a.user.ID, a.user.Email, st), attachment, s.now())
	if err != nil {
		return err
	}
	if err := s.setCeremonyCookie(c, cer); err != nil {
		return err
	}
	return ok200(c, opts)
}

// passkeyVerifyRegistration verifies the attestation against the
// challenge cookie and stores the passkey; the credential id and the
// challenge are claimed in the same append, so a credential belongs to
// one person and a challenge registers one passkey.
func (s *Server) passkeyVerifyRegistration(c echo.Context) error {
	a, err := s.requireSession(c)
	if err != nil {
		return err
	}
	var b registrationBody
	if err := decode(c, &b); err != nil {
		return err
	}
	name, err := passkeyName(b.Response, b.Name)
	if err != nil {
		return err
	}
	cer, err := s.readFreshCeremony(c)
	if err != nil {
		return err
	}
	rel, err := s.ceremonies()
	if err != nil {
		return err
	}
	ids, err := s.newIDs(1)
	if err != nil {
		return err
	}
	var pk authenticator.Passkey
	err = s.retry(func() error {
		st, v, err := s.loadPasskeys(c, a.user.ID)
		if err != nil {
			return err
		}
		now := s.now()
		cred, err := rel.FinishRegistration(passkeyUser(a.user.ID, a.user.Email, st), cer, b.Response, now)
		if err != nil {
			return err
		}
		pk = passkeyOf(ids[0], name, cred, now)
		evs, err := authenticator.Decide(st, authenticator.Register{Passkey: pk, PersonID: a.user.ID, ChallengeID: cer.Challenge(), At: now})
		if err != nil {
			return err
		}
		stream := authenticator.Stream(a.user.ID)
		_, err = s.commit(c, s.meta(c, a.user.ID, now), a.user.ID, change{Stream: stream, Expected: eventstore.Exactly(v),
			Events: evs, Claims: []eventstore.Claim{s.claim(claimPasskeyCredential, cred.CredentialID, stream),
				s.challengeClaim(cer, ids[0])}})
		return s.claimError(c, cer, err, authenticator.ErrAlreadyRegistered)
	})
	if err != nil {
		return err
	}
	s.clearCeremonyCookie(c)
	return ok200(c, toPasskey(a.user.ID, pk))
}

// challengeClaim claims the ceremony's challenge for one attempt (owner
// unique per attempt: a claim owned by the same owner could be retaken).
func (s *Server) challengeClaim(cer passkey.Ceremony, attemptID string) eventstore.Claim {
	return s.claim(claimPasskeyChallenge, cer.Challenge(), "passkey-ceremony-"+attemptID)
}

// claimError turns a taken claim into its answer: the challenge was used
// already, or else the other claim (the credential) was taken.
func (s *Server) claimError(c echo.Context, cer passkey.Ceremony, err, other error) error {
	if !errors.Is(err, eventstore.ErrClaimTaken) {
		return err
	}
	if used, lerr := s.challengeUsed(c, cer); lerr != nil {
		return lerr
	} else if used {
		return errChallengeUsed
	}
	return other
}

// readFreshCeremony reads the challenge cookie and refuses a challenge
// that already completed a ceremony before any verification work (the
// claim taken with the result stays the guarantee under races).
func (s *Server) readFreshCeremony(c echo.Context) (passkey.Ceremony, error) {
	cer, err := s.readCeremony(c)
	if err != nil {
		return cer, err
	}
	used, err := s.challengeUsed(c, cer)
	if err != nil {
		return cer, err
	}
	if used {
		return cer, errChallengeUsed
	}
	return cer, nil
}

// challengeUsed reports whether the ceremony's challenge is claimed.
func (s *Server) challengeUsed(c echo.Context, cer passkey.Ceremony) (bool, error) {
	cl := s.claim(claimPasskeyChallenge, cer.Challenge(), "")
	_, err := s.cfg.Store.LookupClaim(c.Request().Context(), cl.Kind, cl.Key)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return false, nil
	}
	return err == nil, err
}

// passkeyName validates the optional name and that a response was sent.
func passkeyName(response json.RawMessage, name *string) (string, error) {
	if len(response) == 0 || string(response) == "null" {
		return "", domain.Errorf(domain.CodeValidation, "[body.response] Invalid input: expected object, received undefined")
	}
	if name == nil {
		return "", nil
	}
	return strings.TrimSpace(*name), nil
}

// loadPasskeys folds a person's passkey stream.
func (s *Server) loadPasskeys(c echo.Context, personID string) (authenticator.State, uint64, error) {
	return eventstore.Load(c.Request().Context(), s.cfg.Store, s.cfg.Codec, authenticator.NewDecider(), authenticator.Stream(personID))
}

// passkeyUser is the WebAuthn user of a person: the id is the user
// handle, the email its name and display name (as Better Auth sends).
func passkeyUser(personID, email string, st authenticator.State) passkey.User {
	u := passkey.User{ID: personID, Name: email, DisplayName: email}
	for _, p := range st.Passkeys {
		u.Credentials = append(u.Credentials, passkey.Stored{CredentialID: p.CredentialID, PublicKey: p.PublicKey,
			AttestationType: p.AttestationType, AAGUID: p.AAGUID, SignCount: p.SignCount, Transports: p.Transports,
			UserVerified: p.UserVerified, BackupEligible: p.BackupEligible, BackedUp: p.BackedUp})
	}
	return u
}
