package person

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// TypeAccountUnlinked is the type name of AccountUnlinked. Names are
// schema: never rename it.
const TypeAccountUnlinked = "person.account_unlinked"

// CodeLastAccount refuses to remove the last way a person signs in.
const CodeLastAccount domain.Code = "FAILED_TO_UNLINK_LAST_ACCOUNT"

// ErrLastAccount is Better Auth's answer for unlinking the last account.
var ErrLastAccount = domain.Errorf(CodeLastAccount, "You can't unlink your last account")

// CodeAccountNotFound answers an account the person does not have (the
// same code as the account aggregate's).
const CodeAccountNotFound domain.Code = "ACCOUNT_NOT_FOUND"

// ErrAccountNotFound is Better Auth's answer for an unknown account.
var ErrAccountNotFound = domain.Errorf(CodeAccountNotFound, "Account not found")

// UnlinkAccount removes an account from the person: an external one, or
// the credential (email + password) account when AccountID is
// CredentialAccountID. Passkeys is how many passkeys the person has (read
// by the caller): a passkey, a password or another external account must
// remain.
type UnlinkAccount struct {
	AccountID string
	Passkeys  int
	At        time.Time
}

func (UnlinkAccount) isPersonCommand() {}

// AccountUnlinked records that an account was removed: an external one,
// or the credential account (the person has no password afterwards).
type AccountUnlinked struct {
	PersonID  string    `json:"personId"`
	AccountID string    `json:"accountId"`
	At        time.Time `json:"at"`
}

// EventType implements domain.Event.
func (AccountUnlinked) EventType() string { return TypeAccountUnlinked }

// decideUnlinkAccount removes a linked account or the credential account
// unless it is the last way in.
func decideUnlinkAccount(s State, c UnlinkAccount) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	credential := s.CredentialAccountID != "" && c.AccountID == s.CredentialAccountID
	if _, ok := s.Account(c.AccountID); !ok && !credential {
		return nil, ErrAccountNotFound
	}
	if s.waysIn(c.Passkeys)-1 <= 0 {
		return nil, ErrLastAccount
	}
	return []domain.Event{AccountUnlinked{PersonID: s.ID, AccountID: c.AccountID, At: c.At}}, nil
}

// waysIn counts how the person signs in: the password, each external
// account and each of the passkeys.
func (s State) waysIn(passkeys int) int {
	n := len(s.Accounts) + passkeys
	if s.CredentialAccountID != "" {
		n++
	}
	return n
}

// evolveAccountUnlinked drops the account from the person's list (a copy),
// or forgets the credential account.
func evolveAccountUnlinked(s State, e AccountUnlinked) State {
	if e.AccountID == s.CredentialAccountID {
		s.CredentialAccountID, s.UpdatedAt = "", e.At
		return s
	}
	out := make([]LinkedAccount, 0, len(s.Accounts))
	for _, a := range s.Accounts {
		if a.ID != e.AccountID {
			out = append(out, a)
		}
	}
	s.Accounts, s.UpdatedAt = out, e.At
	return s
}
