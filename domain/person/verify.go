package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names of email verification. Names are schema: never rename.
const (
	TypeEmailVerificationRequested = "person.email_verification_requested"
	TypeEmailVerified              = "person.email_verified"
)

// VerifyTTL is the documented lifetime of a verification link: 1 hour.
const VerifyTTL = time.Hour

// Error codes of email verification (Better Auth's).
const (
	CodeInvalidToken         domain.Code = "INVALID_TOKEN"
	CodeTokenExpired         domain.Code = "TOKEN_EXPIRED"
	CodeEmailAlreadyVerified domain.Code = "EMAIL_ALREADY_VERIFIED"
	CodeEmailMismatch        domain.Code = "EMAIL_MISMATCH"
	CodeEmailNotVerified     domain.Code = "EMAIL_NOT_VERIFIED"
	CodeVerificationEmailOff domain.Code = "VERIFICATION_EMAIL_NOT_ENABLED"
)

// Errors of email verification, with Better Auth's messages.
var (
	ErrInvalidToken         = domain.Errorf(CodeInvalidToken, "Invalid token")
	ErrTokenExpired         = domain.Errorf(CodeTokenExpired, "Token expired")
	ErrEmailAlreadyVerified = domain.Errorf(CodeEmailAlreadyVerified, "Email is already verified")
	ErrEmailMismatch        = domain.Errorf(CodeEmailMismatch, "Email mismatch")
	ErrEmailNotVerified     = domain.Errorf(CodeEmailNotVerified, "Email not verified")
	ErrVerificationEmailOff = domain.Errorf(CodeVerificationEmailOff, "Verification email isn't enabled")
)

// RequestEmailVerification records a new verification token (its SHA-256
// only) for the person's current address; it supersedes any pending one.
type RequestEmailVerification struct {
	TokenHash string
	ExpiresAt time.Time
	At        time.Time
	// MailID identifies the mail this asks for: the mailer re-creates the
	// link's token from it (see api/maillink); "" for none.
	MailID string
	// CallbackURL is where the emailed link finally sends the browser.
	CallbackURL string
}

// VerifyEmail proves the address with the pending token.
type VerifyEmail struct {
	TokenHash string
	At        time.Time
}

func (RequestEmailVerification) isPersonCommand() {}
func (VerifyEmail) isPersonCommand()              {}

// EmailVerificationRequested records a pending verification token bound
// to the person and to the address it was mailed to.
type EmailVerificationRequested struct {
	PersonID    string    `json:"personId"`
	TokenHash   string    `json:"tokenHash"`
	Email       string    `json:"email" pii:"true"`
	ExpiresAt   time.Time `json:"expiresAt"`
	At          time.Time `json:"at"`
	MailID      string    `json:"mailId,omitempty"`      // the mail's id: its link token is derived from it
	CallbackURL string    `json:"callbackURL,omitempty"` // where the emailed link finally sends the browser
}

// EmailVerified records that the person proved they receive mail at Email;
// the pending token is used up. Via says how, when it was not the
// verification link (ProveEmail: a reset link, a trusted provider).
type EmailVerified struct {
	PersonID  string    `json:"personId"`
	TokenHash string    `json:"tokenHash"`
	Email     string    `json:"email" pii:"true"`
	Via       string    `json:"via,omitempty"`
	At        time.Time `json:"at"`
}

// EventType implements domain.Event.
func (EmailVerificationRequested) EventType() string { return TypeEmailVerificationRequested }

// EventType implements domain.Event.
func (EmailVerified) EventType() string { return TypeEmailVerified }

func decideRequestVerification(s State, c RequestEmailVerification) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	if s.EmailVerified {
		return nil, ErrEmailAlreadyVerified
	}
	if c.TokenHash == "" || !c.ExpiresAt.After(c.At) {
		return nil, domain.Errorf(domain.CodeValidation, "invalid verification request")
	}
	return []domain.Event{EmailVerificationRequested{PersonID: s.ID, TokenHash: c.TokenHash, Email: s.Email, MailID: c.MailID, CallbackURL: c.CallbackURL,
		ExpiresAt: c.ExpiresAt, At: c.At}}, nil
}

// decideVerify accepts only the pending token, before it expires, for the
// address it was mailed to (a token outlives no change of address).
func decideVerify(s State, c VerifyEmail) ([]domain.Event, error) {
	if !s.Exists || c.TokenHash == "" || c.TokenHash != s.VerifyTokenHash || s.VerifyEmail != s.Email {
		return nil, ErrInvalidToken
	}
	if !c.At.Before(s.VerifyExpiresAt) {
		return nil, ErrTokenExpired
	}
	return []domain.Event{EmailVerified{PersonID: s.ID, TokenHash: c.TokenHash, Email: s.Email, At: c.At}}, nil
}

// evolveVerification folds the verification events.
func evolveVerification(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case EmailVerificationRequested:
		s.VerifyTokenHash, s.VerifyEmail, s.VerifyExpiresAt = e.TokenHash, e.Email, e.ExpiresAt
	case EmailVerified:
		s.EmailVerified, s.UpdatedAt = true, e.At
		s.VerifyTokenHash, s.VerifyEmail, s.VerifyExpiresAt = "", "", time.Time{}
	}
	return s
}
