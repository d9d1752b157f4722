package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names of changing the email address. Names are schema.
const (
	TypeEmailChangeRequested = "person.email_change_requested"
	TypeEmailChanged         = "person.email_changed"
)

// Stages of an email change: approval from the current (verified) address
// first, then proof of the new one.
const (
	ChangeStageConfirm = "confirm"
	ChangeStageVerify  = "verify"
)

// Error codes of changing the email address (Better Auth's).
const (
	CodeEmailIsTheSame      domain.Code = "EMAIL_IS_THE_SAME"
	CodeChangeEmailDisabled domain.Code = "CHANGE_EMAIL_DISABLED"
	CodeInvalidUser         domain.Code = "INVALID_USER"
)

// Errors of changing the email address, with Better Auth's messages.
var (
	ErrEmailIsTheSame      = domain.Errorf(CodeEmailIsTheSame, "Email is the same")
	ErrChangeEmailDisabled = domain.Errorf(CodeChangeEmailDisabled, "Change email is disabled")
	ErrInvalidUser         = domain.Errorf(CodeInvalidUser, "Invalid user")
)

// RequestEmailChange records a change-email link (its SHA-256 only): to
// the current address for approval (ChangeStageConfirm, only when that
// address is verified) or to the new one for proof (ChangeStageVerify).
// NewEmail must already be canonical.
type RequestEmailChange struct {
	TokenHash string
	NewEmail  string
	Stage     string
	ExpiresAt time.Time
	At        time.Time
	// MailID identifies the mail this asks for: the mailer re-creates the
	// link's token from it (see api/maillink); "" for none.
	MailID string
	// CallbackURL is where the emailed link finally sends the browser.
	CallbackURL string
}

// ConfirmEmailChange is the current address approving the pending change
// with its link; it records NextTokenHash, the link mailed to the new one.
type ConfirmEmailChange struct {
	TokenHash     string
	NextTokenHash string
	ExpiresAt     time.Time
	At            time.Time
	// MailID identifies the new address's mail: the mailer re-creates the
	// link's token from it (see api/maillink); "" for none.
	MailID string
	// CallbackURL is where the emailed link finally sends the browser.
	CallbackURL string
}

// ChangeEmail moves the address with the new address's link. The caller
// releases the old email claim and takes the new one in the same append.
type ChangeEmail struct {
	TokenHash string
	At        time.Time
}

func (RequestEmailChange) isPersonCommand() {}
func (ConfirmEmailChange) isPersonCommand() {}
func (ChangeEmail) isPersonCommand()        {}

// EmailChangeRequested records a pending change-email link bound to the
// person, the current address and the new one.
type EmailChangeRequested struct {
	PersonID    string    `json:"personId"`
	TokenHash   string    `json:"tokenHash"`
	Stage       string    `json:"stage"`
	Email       string    `json:"email" pii:"true"`
	NewEmail    string    `json:"newEmail" pii:"true"`
	ExpiresAt   time.Time `json:"expiresAt"`
	At          time.Time `json:"at"`
	MailID      string    `json:"mailId,omitempty"`      // the mail's id: its link token is derived from it
	CallbackURL string    `json:"callbackURL,omitempty"` // where the emailed link finally sends the browser
}

// EmailChanged records the new address, proven by its link.
type EmailChanged struct {
	PersonID  string    `json:"personId"`
	TokenHash string    `json:"tokenHash"`
	OldEmail  string    `json:"oldEmail" pii:"true"`
	NewEmail  string    `json:"newEmail" pii:"true"`
	At        time.Time `json:"at"`
}

// EventType implements domain.Event.
func (EmailChangeRequested) EventType() string { return TypeEmailChangeRequested }

// EventType implements domain.Event.
func (EmailChanged) EventType() string { return TypeEmailChanged }

func decideRequestChange(s State, c RequestEmailChange) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	if c.NewEmail == s.Email {
		return nil, ErrEmailIsTheSame
	}
	if c.TokenHash == "" || c.NewEmail == "" || !c.ExpiresAt.After(c.At) ||
		c.Stage != ChangeStageVerify && (c.Stage != ChangeStageConfirm || !s.EmailVerified) {
		return nil, domain.Errorf(domain.CodeValidation, "invalid change-email request")
	}
	return []domain.Event{EmailChangeRequested{PersonID: s.ID, TokenHash: c.TokenHash, Stage: c.Stage,
		Email: s.Email, NewEmail: c.NewEmail, ExpiresAt: c.ExpiresAt, At: c.At, MailID: c.MailID, CallbackURL: c.CallbackURL}}, nil
}

// pendingChange checks a change-email link against the pending one of
// stage: same hash, same current address, not expired.
func pendingChange(s State, hash, stage string, at time.Time) error {
	if !s.Exists || hash == "" || hash != s.ChangeTokenHash || s.ChangeStage != stage || s.ChangeFrom != s.Email {
		return ErrInvalidToken
	}
	if !at.Before(s.ChangeExpiresAt) {
		return ErrTokenExpired
	}
	return nil
}

func decideConfirmChange(s State, c ConfirmEmailChange) ([]domain.Event, error) {
	if err := pendingChange(s, c.TokenHash, ChangeStageConfirm, c.At); err != nil {
		return nil, err
	}
	if c.NextTokenHash == "" || !c.ExpiresAt.After(c.At) {
		return nil, domain.Errorf(domain.CodeValidation, "invalid change-email confirmation")
	}
	return []domain.Event{EmailChangeRequested{PersonID: s.ID, TokenHash: c.NextTokenHash, Stage: ChangeStageVerify,
		Email: s.Email, NewEmail: s.ChangeTo, ExpiresAt: c.ExpiresAt, At: c.At, MailID: c.MailID, CallbackURL: c.CallbackURL}}, nil
}

func decideChange(s State, c ChangeEmail) ([]domain.Event, error) {
	if err := pendingChange(s, c.TokenHash, ChangeStageVerify, c.At); err != nil {
		return nil, err
	}
	return []domain.Event{EmailChanged{PersonID: s.ID, TokenHash: c.TokenHash, OldEmail: s.Email,
		NewEmail: s.ChangeTo, At: c.At}}, nil
}

// evolveChange folds the change-email events. A changed address is
// verified (its link proved it) and no pending link outlives it.
func evolveChange(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case EmailChangeRequested:
		s.ChangeTokenHash, s.ChangeStage, s.ChangeFrom, s.ChangeTo, s.ChangeExpiresAt =
			e.TokenHash, e.Stage, e.Email, e.NewEmail, e.ExpiresAt
	case EmailChanged:
		s.Email, s.EmailVerified, s.UpdatedAt = e.NewEmail, true, e.At
		s.ChangeTokenHash, s.ChangeStage, s.ChangeFrom, s.ChangeTo, s.ChangeExpiresAt = "", "", "", "", time.Time{}
	}
	return s
}
