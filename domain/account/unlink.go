package account

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeUnlinked is the type name of Unlinked. Names are schema: never
// rename it.
const TypeUnlinked = "account.unlinked"

// Unlink removes an account: an external one (the caller releases its
// (provider, subject) claim) or the credential account (the password is
// gone); the caller updates the person in the same append.
type Unlink struct{ At time.Time }

func (Unlink) isAccountCommand() {}

// Unlinked records that an account no longer signs its person in (an
// external one, or the credential account: its password).
type Unlinked struct {
	AccountID  string    `json:"accountId"`
	PersonID   string    `json:"personId"`
	ProviderID string    `json:"providerId"`
	At         time.Time `json:"at"`
}

// EventType implements domain.Event.
func (Unlinked) EventType() string { return TypeUnlinked }

// CodeAccountNotFound answers an account the person does not have.
const CodeAccountNotFound domain.Code = "ACCOUNT_NOT_FOUND"

// ErrAccountNotFound is Better Auth's answer for an unknown account.
var ErrAccountNotFound = domain.Errorf(CodeAccountNotFound, "Account not found")

// decideUnlink unlinks an existing account.
func decideUnlink(s State, c Unlink) ([]domain.Event, error) {
	if !s.Exists {
		return nil, ErrAccountNotFound
	}
	return []domain.Event{Unlinked{AccountID: s.ID, PersonID: s.PersonID, ProviderID: s.ProviderID, At: c.At}}, nil
}
