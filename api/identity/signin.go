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
// the account stream, never a projection) and opens a session.
//
// Failures are counted per canonical submitted address, whether or not
// anyone owns it (the signin-<keyed hash> stream): past the free failures
// an exponential backoff (Config.Backoff) refuses every attempt on the
// address — the right password too, and before any password is checked —
// with the same 429 and time left for known and unknown addresses; it
// expires by itself, and a success or a password reset clears the count.
// Outside a backoff a known address with a wrong password and an unknown
// one do the same work (the same stream reads, one Argon2id verification,
// one append of signin.failed) and get the same 401; a known address also
// records its account's audit event in that append. When email
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
	var at attempt
	var res SignInResult
	var personID string
	err = s.app.Retry(func() error {
		var err error
		res, personID, err = s.signInOnce(ctx, in, addr, &at)
		return err
	})
	if errors.Is(err, person.ErrEmailNotVerified) {
		s.cfg.Verification.SendInBackground(in.Caller, personID, in.CallbackURL)
	}
	return res, err
}

// signInOnce is one try of SignIn (again when a concurrent writer moved a
// stream it read): the throttle, then the address's owner, then the
// password. It returns the person it resolved, if any.
func (s *Service) signInOnce(ctx context.Context, in SignInInput, addr string, at *attempt) (SignInResult, string, error) {
	g, err := s.loadGate(ctx, addr)
	if err != nil {
		return SignInResult{}, "", err
	}
	now := s.app.Now()
	if err := s.throttled(ctx, in.Caller, g, now); err != nil {
		return SignInResult{}, "", err
	}
	owner, err := s.app.Owner(ctx, "email", addr)
	if errors.Is(err, eventstore.ErrClaimNotFound) {
		return SignInResult{}, "", s.failUnknown(ctx, in, g, true, at, now) // no person, no account to read
	}
	if err != nil {
		return SignInResult{}, "", err
	}
	personID := strings.TrimPrefix(owner, domain.PersonStreamPrefix)
	p, _, err := app.Load(ctx, s.app, person.NewDecider(), domain.PersonStream(personID))
	if err != nil {
		return SignInResult{}, "", err
	}
	if !p.Exists || p.CredentialAccountID == "" {
		return SignInResult{}, "", s.failUnknown(ctx, in, g, false, at, now) // no account to read
	}
	res, err := s.passwordSignIn(ctx, in, personID, p, g, at, now)
	return res, personID, err
}
