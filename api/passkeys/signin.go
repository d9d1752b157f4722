package passkeys

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessions"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/authenticator"
	"github.com/authledger/authledger/domain/passkey"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// SignInStart is a begun discoverable sign-in: the request options for
// the browser and the ceremony the transport keeps until the answer.
type SignInStart struct {
	Options  passkey.LoginOptions
	Ceremony passkey.Ceremony
}

// SignInOptions begins a discoverable sign-in: no session, no email; the
// authenticator offers its passkeys for the relying party.
func (s *Service) SignInOptions(context.Context) (SignInStart, error) {
	rel, err := s.relying()
	if err != nil {
		return SignInStart{}, err
	}
	opts, cer, err := rel.BeginLogin(s.app.Now())
	return SignInStart{Options: opts, Ceremony: cer}, err
}

// SignInInput is the authenticator's answer to a sign-in.
type SignInInput struct {
	Caller   app.Caller
	Ceremony passkey.Ceremony
	Response []byte // the browser's PublicKeyCredential JSON
}

// SignIn verifies an assertion and opens a remembered session. The
// credential id names the person (claim lookup, never a projection); the
// user handle must name the same person. It returns the new session as
// the session index knows it.
func (s *Service) SignIn(ctx context.Context, in SignInInput) (sessions.Authed, error) {
	if err := s.fresh(ctx, in.Ceremony); err != nil {
		return sessions.Authed{}, err
	}
	as, err := passkey.ParseAssertion(in.Response)
	if err != nil {
		return sessions.Authed{}, err
	}
	personID, err := s.owner(ctx, as.CredentialID)
	if err != nil {
		return sessions.Authed{}, err
	}
	token, err := s.authenticate(ctx, in, as, personID)
	if err != nil {
		return sessions.Authed{}, err
	}
	a, found, _ := s.sessions.Lookup(token)
	if !found {
		return sessions.Authed{}, domain.ErrUnavailable
	}
	return a, nil
}

// owner finds the person a credential is registered to; an unknown
// credential, an erased or a banned person cannot sign in.
func (s *Service) owner(ctx context.Context, credentialID string) (string, error) {
	stream, err := s.app.Owner(ctx, claimCredential, credentialID)
	if errors.Is(err, eventstore.ErrClaimNotFound) || (err == nil && !strings.HasPrefix(stream, authenticator.StreamPrefix)) {
		return "", passkey.ErrAuthenticationFailed
	}
	if err != nil {
		return "", err
	}
	personID := strings.TrimPrefix(stream, authenticator.StreamPrefix)
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(personID))
	switch {
	case err != nil:
		return "", err
	case !p.Exists:
		return "", passkey.ErrAuthenticationFailed
	case p.BannedAt(s.app.Now()):
		return "", ErrBanned
	}
	return personID, nil
}
