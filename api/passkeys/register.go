package passkeys

import (
	"context"
	"strings"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/eventstore"
)

// RegisterOptionsInput asks to begin registering a passkey for the
// signed-in caller.
type RegisterOptionsInput struct {
	Authed sessions.Authed
	// Attachment restricts the authenticator: "", "platform" or
	// "cross-platform" (the transport validates it).
	Attachment string
}

// RegistrationStart is a begun registration: the creation options for the
// browser and the ceremony the transport keeps until the answer.
type RegistrationStart struct {
	Options  passkey.RegistrationOptions
	Ceremony passkey.Ceremony
}

// RegisterOptions begins a registration for the caller, their passkeys
// excluded.
func (s *Service) RegisterOptions(ctx context.Context, in RegisterOptionsInput) (RegistrationStart, error) {
	rel, err := s.relying()
	if err != nil {
		return RegistrationStart{}, err
	}
	st, err := s.passkeys(ctx, in.Authed.User.ID)
	if err != nil {
		return RegistrationStart{}, err
	}
	opts, cer, err := rel.BeginRegistration(user(in.Authed.User.ID, in.Authed.User.Email, st), in.Attachment, s.app.Now())
	return RegistrationStart{Options: opts, Ceremony: cer}, err
}

// RegisterInput is the authenticator's answer to a registration.
type RegisterInput struct {
	Caller   app.Caller
	Authed   sessions.Authed
	Ceremony passkey.Ceremony
	Response []byte // the browser's PublicKeyCredential JSON
	Name     string // optional; surrounding spaces are trimmed
}

// Register verifies the attestation against the ceremony and stores the
// passkey. The credential id and the challenge are claimed in the same
// append, so a credential belongs to one person and a challenge registers
// one passkey.
func (s *Service) Register(ctx context.Context, in RegisterInput) (authenticator.Passkey, error) {
	if err := s.fresh(ctx, in.Ceremony); err != nil {
		return authenticator.Passkey{}, err
	}
	rel, err := s.relying()
	if err != nil {
		return authenticator.Passkey{}, err
	}
	ids, err := s.app.NewIDs(1)
	if err != nil {
		return authenticator.Passkey{}, err
	}
	personID, stream, now := in.Authed.User.ID, authenticator.Stream(in.Authed.User.ID), s.app.Now()
	var cred passkey.Stored
	out, err := app.Handle(ctx, s.app, eventstore.Command[authenticator.State, authenticator.Command]{
		Decider: authenticator.NewDecider(), Stream: stream, Meta: in.Caller.Meta(personID, now), KeyRef: personID,
		Build: func(st authenticator.State) (authenticator.Command, error) {
			var err error
			if cred, err = rel.FinishRegistration(user(personID, in.Authed.User.Email, st), in.Ceremony, in.Response, now); err != nil {
				return nil, err
			}
			return authenticator.Register{Passkey: passkeyOf(ids[0], strings.TrimSpace(in.Name), cred, now),
				PersonID: personID, ChallengeID: in.Ceremony.Challenge(), At: now}, nil
		},
		With: func(authenticator.State, []domain.Event) ([]eventstore.Change, error) {
			return []eventstore.Change{{Stream: stream, Claims: []eventstore.Claim{
				s.app.Claim(claimCredential, cred.CredentialID, stream), s.challengeClaim(in.Ceremony, ids[0])}}}, nil
		},
	})
	if err != nil {
		return authenticator.Passkey{}, s.claimError(ctx, in.Ceremony, err, authenticator.ErrAlreadyRegistered)
	}
	pk, _ := out.State.Find(ids[0])
	return pk, nil
}

// passkeyOf is the aggregate's passkey for a verified credential.
func passkeyOf(id, name string, s passkey.Stored, at time.Time) authenticator.Passkey {
	return authenticator.Passkey{ID: id, Name: name, CredentialID: s.CredentialID, PublicKey: s.PublicKey,
		AttestationType: s.AttestationType, AAGUID: s.AAGUID, SignCount: s.SignCount, Transports: s.Transports,
		UserVerified: s.UserVerified, BackupEligible: s.BackupEligible, BackedUp: s.BackedUp, CreatedAt: at}
}
