package account

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// A signed-in person re-confirming their password (verify-password). A
// wrong one counts toward a per-account limit (Lockout), so a stolen
// session cannot be used to guess the password; a right one is recorded
// but does not reset the count (only a sign-in or a new password does),
// so a session holder cannot clear the lock either. Failed sign-ins do
// not count: they are throttled per address (domain/signin), and must not
// let anyone lock a person out of verify-password.
const (
	TypePasswordVerified     = "account.password_verified"
	TypePasswordVerifyFailed = "account.password_verify_failed"
)

// PasswordVerified records a right password given to verify-password.
type PasswordVerified struct {
	AccountID string    `json:"accountId"`
	PersonID  string    `json:"personId"`
	At        time.Time `json:"at"`
}

// PasswordVerifyFailed is an audit event: a wrong password given to
// verify-password, or any attempt while locked. Failures counts
// consecutive failures of the account including this one.
type PasswordVerifyFailed struct {
	AccountID string    `json:"accountId"`
	PersonID  string    `json:"personId"`
	Reason    string    `json:"reason"` // "invalid_password", "locked"
	Failures  int       `json:"failures"`
	At        time.Time `json:"at"`
}

// EventType implements domain.Event.
func (PasswordVerified) EventType() string { return TypePasswordVerified }

// EventType implements domain.Event.
func (PasswordVerifyFailed) EventType() string { return TypePasswordVerifyFailed }

// VerifyPassword records the caller's check of a signed-in person's
// password.
type VerifyPassword struct {
	PasswordOK bool
	Lockout    Lockout
	At         time.Time
}

func (VerifyPassword) isAccountCommand() {}

func decideVerify(s State, c VerifyPassword) ([]domain.Event, error) {
	if !s.Exists || s.ProviderID != ProviderCredential {
		return nil, domain.Errorf(domain.CodeBadRequest, "Credential account not found")
	}
	if locked, _ := c.Lockout.Locked(s, c.At); locked {
		return []domain.Event{PasswordVerifyFailed{AccountID: s.ID, PersonID: s.PersonID, Reason: "locked",
			Failures: s.Failures + 1, At: c.At}}, ErrLocked
	}
	if !c.PasswordOK {
		return []domain.Event{PasswordVerifyFailed{AccountID: s.ID, PersonID: s.PersonID, Reason: "invalid_password",
			Failures: s.Failures + 1, At: c.At}}, domain.ErrInvalidPassword
	}
	return []domain.Event{PasswordVerified{AccountID: s.ID, PersonID: s.PersonID, At: c.At}}, nil
}
