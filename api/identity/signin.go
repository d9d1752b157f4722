package identity

import (
	"context"
	"errors"
	"strings"

	"github.com/authledger/authledger/api/app"
	"github.com/authledger/authledger/api/mfa"
	"github.com/authledger/authledger/domain"
	"github.com/authledger/authledger/domain/email"
	"github.com/authledger/authledger/domain/person"
	"github.com/authledger/authledger/eventstore"
)

// SignInInput is an email-and-password sign-in. Device is the trusted
// device the client presented (zero when none): with it, a person with
// two-factor on may skip the second step.
type SignInInput struct {
	Caller     app.Caller
	Email      string
	Password   string
	RememberMe bool
	Device     mfa.Device
	// CallbackURL is where a fresh verification link sends the browser
	// when the address is unproven and verification is required.
	CallbackURL string
}

// SignInResult is a completed sign-in, or, when the person has two-factor
// on and the device is not trusted, no session but a pending challenge
// that a second factor completes (Pending true).
type SignInResult struct {
	SignedIn
	Pending   bool
	Challenge mfa.Challenge
}

// SignIn checks a password against the credential account (decided from
// the account stream, never a projection) and opens a session. An unknown
// email hashes a dummy so both failures look and take the same. A failure
// is an audit event and counts toward the account lockout. When email
// verification is required, a right password for an unproven address is
// refused with EMAIL_NOT_VERIFIED (nothing appended) and a fresh link is
// mailed.
func (s *Service) SignIn(ctx context.Context, in SignInInput) (SignInResult, error) {
	if err := s.passwords.CheckMax(in.Password); err != nil {
		return SignInResult{}, err
	}
	addr, err := email.Canonicalize(in.Email)
	if err != nil {
		return SignInResult{}, domain.Errorf(domain.CodeInvalidEmail, "Invalid email")
	}
	owner, err := s.app.Owner(ctx, "email", addr)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return SignInResult{}, s.passwords.dummyFail(ctx, in.Password)
	}
	if err != nil {
		return SignInResult{}, err
	}
	personID := strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return SignInResult{}, err
	}
	if !p.Exists || p.CredentialAccountID == "" {
		return SignInResult{}, s.passwords.dummyFail(ctx, in.Password)
	}
	return s.passwordSignIn(ctx, in, personID, p)
}
