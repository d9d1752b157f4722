package identity

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/sessionindex"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/account"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// SignUpInput is a new person: name, email and password, an optional image
// URL, the additional user fields the client sent (decoded JSON values),
// and whether the first session is remembered.
type SignUpInput struct {
	Caller     app.Caller
	Name       string
	Email      string
	Password   string
	Image      string
	Fields     map[string]any
	RememberMe bool
	// CallbackURL is where the verification link mailed after sign-up
	// sends the browser.
	CallbackURL string
}

// SignedIn is a completed sign-in (or sign-up): the person and the token
// of their new session ("" after a sign-up that must first prove its
// address).
type SignedIn struct {
	PersonID string
	Token    string
	Remember bool
	// Synthetic is the made-up user of a sign-up for an address someone
	// already has, answered like a new one when verification is required
	// (nothing was created; PersonID is fresh and unused).
	Synthetic *sessionindex.User
}

// SignUp creates a person, their credential account and a first session
// in one atomic append that also claims the canonical email. With email
// verification on sign-up a link is mailed after the append; when
// verification is required no session is opened.
func (s *Service) SignUp(ctx context.Context, in SignUpInput) (SignedIn, error) {
	addr, err := email.Canonicalize(in.Email)
	if err != nil {
		return SignedIn{}, domain.Errorf(domain.CodeValidation, "[body.email] Invalid email address")
	}
	if err := domain.ValidName(in.Name); err != nil {
		return SignedIn{}, err
	}
	if err := domain.ValidImageURL(in.Image); err != nil {
		return SignedIn{}, err
	}
	if err := s.cfg.PasswordPolicy.Check(in.Password, email.LocalPart(addr), in.Name); err != nil {
		return SignedIn{}, err
	}
	fields, err := s.cfg.Fields.ForCreate(in.Fields)
	if err != nil {
		return SignedIn{}, err
	}
	if fields, err = s.beforeSignUp(ctx, in, addr, fields); err != nil {
		return SignedIn{}, err
	}
	// No look-up of the address first: the append's claim on it decides
	// (see createPerson), atomically, and a look-up would cost every
	// sign-up a read of the store (a round trip on PostgreSQL) to spare
	// only a duplicate its hash.
	hash, err := s.app.Hasher.Hash(ctx, in.Password)
	if err != nil {
		return SignedIn{}, err
	}
	return s.createPerson(ctx, in, addr, fields, hash)
}

// createPerson decides and appends the sign-up with its first session.
func (s *Service) createPerson(ctx context.Context, in SignUpInput, addr string, fields map[string]any, hash string) (SignedIn, error) {
	ids, err := s.app.NewIDs(2)
	if err != nil {
		return SignedIn{}, err
	}
	personID, now := ids[0], s.app.Now()
	changes, err := s.signUpChanges(in, addr, fields, hash, personID, ids[1], now)
	if err != nil {
		return SignedIn{}, err
	}
	out := SignedIn{PersonID: personID, Remember: in.RememberMe}
	if v := s.cfg.Verification; v == nil || !v.Required() {
		o, err := s.sessions.Open(in.Caller, personID, in.RememberMe, now)
		if err != nil {
			return SignedIn{}, err
		}
		changes, out.Token = append(changes, o.Change), o.Token
	}
	_, err = s.app.CommitNew(ctx, in.Caller.Meta(personID, now), personID, changes...)
	if errors.Is(err, eventstore.ErrClaimTaken) {
		return s.duplicate(in, addr, fields)
	}
	if err != nil {
		return SignedIn{}, err
	}
	if v := s.cfg.Verification; v != nil && v.SendsOnSignUp() {
		v.SendInBackground(in.Caller, personID, in.CallbackURL)
	}
	return out, nil
}

// signUpChanges decides the person (claiming the email) and the credential
// account.
func (s *Service) signUpChanges(in SignUpInput, addr string, fields map[string]any, hash, personID, accountID string, now time.Time) ([]eventstore.Change, error) {
	role, _ := fields["role"].(string)
	fieldJSON, err := person.EncodeFields(withoutRole(fields))
	if err != nil {
		return nil, err
	}
	pEvs, err := person.Decide(person.State{}, person.SignUp{PersonID: personID, Email: addr,
		Name: strings.TrimSpace(in.Name), Image: in.Image, Role: role, Fields: fieldJSON,
		CredentialAccountID: accountID, At: now})
	if err != nil {
		return nil, err
	}
	aEvs, err := account.Decide(account.State{}, account.Create{AccountID: accountID, PersonID: personID,
		ProviderID: account.ProviderCredential, PasswordHash: hash, At: now})
	if err != nil {
		return nil, err
	}
	stream := domain.PersonStream(personID)
	return []eventstore.Change{
		{Stream: stream, Expected: eventstore.NoStream, Events: pEvs, Claims: []eventstore.Claim{s.app.Claim("email", addr, stream)}},
		{Stream: account.Stream(accountID), Expected: eventstore.NoStream, Events: aEvs},
	}, nil
}
