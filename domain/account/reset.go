package account

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/authledger/authledger/domain"
)

// Password reset by emailed link. The token itself never enters the
// stream: only its SHA-256. A token is single-use (PasswordReset consumes
// it), purpose-bound (PurposePasswordReset) and expires at ExpiresAt
// (ResetTTL after the request unless configured otherwise). A new request
// supersedes the previous token.
const (
	TypePasswordResetRequested = "account.password_reset_requested"
	TypePasswordReset          = "account.password_reset"
)

// PurposePasswordReset is the only purpose a reset token is valid for.
const PurposePasswordReset = "reset-password"

// ResetTTL is the documented lifetime of a password-reset link: 1 hour.
const ResetTTL = time.Hour

// CodeInvalidToken is Better Auth's code for a bad, used or expired token.
const CodeInvalidToken domain.Code = "INVALID_TOKEN"

// ErrInvalidToken answers every unusable reset token alike.
var ErrInvalidToken = domain.Errorf(CodeInvalidToken, "Invalid token")

// PasswordResetRequested records that a reset link was issued.
type PasswordResetRequested struct {
	AccountID   string    `json:"accountId"`
	PersonID    string    `json:"personId"`
	TokenHash   string    `json:"tokenHash"` // hex SHA-256 of the token
	Purpose     string    `json:"purpose"`
	ExpiresAt   time.Time `json:"expiresAt"`
	At          time.Time `json:"at"`
	MailID      string    `json:"mailId,omitempty"`      // the mail's id: its link token is derived from it
	CallbackURL string    `json:"callbackURL,omitempty"` // where the emailed link finally sends the browser
}

// PasswordReset records a new password set with a reset token, consuming it.
type PasswordReset struct {
	AccountID    string    `json:"accountId"`
	PersonID     string    `json:"personId"`
	TokenHash    string    `json:"tokenHash"`
	PasswordHash string    `json:"passwordHash" pii:"true"`
	At           time.Time `json:"at"`
}

// EventType implements domain.Event.
func (PasswordResetRequested) EventType() string { return TypePasswordResetRequested }

// EventType implements domain.Event.
func (PasswordReset) EventType() string { return TypePasswordReset }

// RequestPasswordReset issues a reset token (by its hash) valid until ExpiresAt.
type RequestPasswordReset struct {
	TokenHash string
	Purpose   string
	ExpiresAt time.Time
	At        time.Time
	// MailID identifies the mail this asks for: the mailer re-creates the
	// link's token from it (see api/maillink); "" for none.
	MailID string
	// CallbackURL is where the emailed link finally sends the browser.
	CallbackURL string
}

// ResetPassword sets NewHash when TokenHash and Purpose match the pending,
// unexpired token.
type ResetPassword struct {
	TokenHash string
	Purpose   string
	NewHash   string
	At        time.Time
}

// RequestPasswordSet issues a set-password token for a person without a
// password: the same token rules as RequestPasswordReset, on an account
// stream that has no account (never had one, or its credential account
// was unlinked); the reset creates the credential account.
type RequestPasswordSet struct {
	AccountID string
	PersonID  string
	TokenHash string
	Purpose   string
	ExpiresAt time.Time
	At        time.Time
	// MailID identifies the mail this asks for: the mailer re-creates the
	// link's token from it (see api/maillink); "" for none.
	MailID string
	// CallbackURL is where the emailed link finally sends the browser.
	CallbackURL string
}

func (RequestPasswordReset) isAccountCommand() {}
func (RequestPasswordSet) isAccountCommand()   {}
func (ResetPassword) isAccountCommand()        {}

// HashResetToken returns the hex SHA-256 stored for a reset token.
func HashResetToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func decideRequestReset(s State, c RequestPasswordReset) ([]domain.Event, error) {
	if !s.Exists || s.ProviderID != ProviderCredential {
		return nil, domain.Errorf(domain.CodeBadRequest, "Credential account not found")
	}
	if c.TokenHash == "" || c.Purpose != PurposePasswordReset || !c.ExpiresAt.After(c.At) {
		return nil, domain.Errorf(domain.CodeValidation, "invalid reset request")
	}
	return []domain.Event{PasswordResetRequested{AccountID: s.ID, PersonID: s.PersonID, TokenHash: c.TokenHash,
		Purpose: c.Purpose, ExpiresAt: c.ExpiresAt, At: c.At, MailID: c.MailID, CallbackURL: c.CallbackURL}}, nil
}

// decideRequestSet records a set-password token on an account stream with
// no live account.
func decideRequestSet(s State, c RequestPasswordSet) ([]domain.Event, error) {
	if s.Exists || s.ID != "" && s.ID != c.AccountID || s.PersonID != "" && s.PersonID != c.PersonID {
		return nil, domain.Errorf(domain.CodeConflict, "the account exists")
	}
	if !domain.ValidID(c.AccountID) || !domain.ValidID(c.PersonID) || c.TokenHash == "" ||
		c.Purpose != PurposePasswordReset || !c.ExpiresAt.After(c.At) {
		return nil, domain.Errorf(domain.CodeValidation, "invalid set-password request")
	}
	return []domain.Event{PasswordResetRequested{AccountID: c.AccountID, PersonID: c.PersonID, TokenHash: c.TokenHash,
		Purpose: c.Purpose, ExpiresAt: c.ExpiresAt, At: c.At, MailID: c.MailID, CallbackURL: c.CallbackURL}}, nil
}

// decideReset checks the token and sets the password; a set-password
// token (no account yet) creates the credential account first.
func decideReset(s State, c ResetPassword) ([]domain.Event, error) {
	if s.ResetTokenHash == "" || c.TokenHash == "" {
		return nil, ErrInvalidToken
	}
	if c.TokenHash != s.ResetTokenHash || c.Purpose != PurposePasswordReset || s.ResetPurpose != c.Purpose {
		return nil, ErrInvalidToken
	}
	if !c.At.Before(s.ResetExpiresAt) {
		return nil, ErrInvalidToken
	}
	reset := PasswordReset{AccountID: s.ID, PersonID: s.PersonID, TokenHash: c.TokenHash, PasswordHash: c.NewHash, At: c.At}
	if !s.Exists {
		return []domain.Event{Created{AccountID: s.ID, PersonID: s.PersonID, ProviderID: ProviderCredential,
			PasswordHash: c.NewHash, At: c.At}, reset}, nil
	}
	return []domain.Event{reset}, nil
}
