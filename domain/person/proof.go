package person

import (
	"slices"
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names of proving an address and of what proving it ends.
// Names are schema: never rename them.
const (
	TypeUnprovenAccessRemoved = "person.unproven_access_removed"
	TypeCredentialAdded       = "person.credential_added"
)

// Ways an address is proven besides a verification link (EmailVerified.Via).
const (
	ViaVerification  = "verification"   // the verification link (Via is left empty on that event)
	ViaPasswordReset = "password_reset" // a reset (or set-password) link mailed to the address
	ViaEmailChange   = "email_change"   // the link mailed to a new address
	ViaProvider      = "provider"       // a trusted provider vouching for the address (email_verified)
)

// ProveEmail records that the person's current address is proven by Via
// (a reset link, a trusted provider). An address already proven stays so:
// no event.
type ProveEmail struct {
	Via string
	At  time.Time
}

// ForgetUnproven removes what a party who used the address before it was
// proven could have added (account pre-hijacking, Sudhodanan & Paverd,
// USENIX Security 2022): the credential account unless KeepPassword, and
// every external account not in KeepAccounts. Sessions, Passkeys and
// TwoFactor are what the caller removes from the other aggregates in the
// same append; with anything removed, UnprovenAccessRemoved records it
// for the owner (the audit trail, a notice) and voids a pending
// change-email link (requested by whoever held the account before).
type ForgetUnproven struct {
	Via          string
	KeepPassword bool
	KeepAccounts []string
	Sessions     int
	Passkeys     int
	TwoFactor    bool
	At           time.Time
}

// AddCredential records the person's credential account created by a
// set-password link (a person who signed up through a provider).
type AddCredential struct {
	AccountID string
	At        time.Time
}

func (ProveEmail) isPersonCommand()     {}
func (ForgetUnproven) isPersonCommand() {}
func (AddCredential) isPersonCommand()  {}

// UnprovenAccessRemoved records that proving the address (Via) removed
// what was added while it was unproven: how many sessions, passkeys and
// external accounts, whether the password and two-factor; a mailer tells
// the owner from it.
type UnprovenAccessRemoved struct {
	PersonID  string    `json:"personId"`
	Via       string    `json:"via"`
	Sessions  int       `json:"sessions,omitempty"`
	Passkeys  int       `json:"passkeys,omitempty"`
	Accounts  int       `json:"accounts,omitempty"`
	Password  bool      `json:"password,omitempty"`
	TwoFactor bool      `json:"twoFactor,omitempty"`
	Change    bool      `json:"change,omitempty"` // a pending change-email link was voided
	At        time.Time `json:"at"`
}

// CredentialAdded records the person's new credential account.
type CredentialAdded struct {
	PersonID  string    `json:"personId"`
	AccountID string    `json:"accountId"`
	At        time.Time `json:"at"`
}

// EventType implements domain.Event.
func (UnprovenAccessRemoved) EventType() string { return TypeUnprovenAccessRemoved }

// EventType implements domain.Event.
func (CredentialAdded) EventType() string { return TypeCredentialAdded }

// decideProve proves the current address once.
func decideProve(s State, c ProveEmail) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	if s.EmailVerified {
		return nil, nil
	}
	if c.Via == "" {
		return nil, domain.Errorf(domain.CodeValidation, "a proof names how the address was proven")
	}
	return []domain.Event{EmailVerified{PersonID: s.ID, Email: s.Email, Via: c.Via, At: c.At}}, nil
}

// decideForget unlinks what is not kept and records the removal; with
// nothing to remove there is no event.
func decideForget(s State, c ForgetUnproven) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrNotFound
	}
	var evs []domain.Event
	rec := UnprovenAccessRemoved{PersonID: s.ID, Via: c.Via, Sessions: c.Sessions, Passkeys: c.Passkeys,
		TwoFactor: c.TwoFactor, Change: s.ChangeTokenHash != "", At: c.At}
	if s.CredentialAccountID != "" && !c.KeepPassword {
		evs = append(evs, AccountUnlinked{PersonID: s.ID, AccountID: s.CredentialAccountID, At: c.At})
		rec.Password = true
	}
	for _, a := range s.Accounts {
		if !slices.Contains(c.KeepAccounts, a.ID) {
			evs = append(evs, AccountUnlinked{PersonID: s.ID, AccountID: a.ID, At: c.At})
			rec.Accounts++
		}
	}
	if len(evs) == 0 && rec.Sessions == 0 && rec.Passkeys == 0 && !rec.TwoFactor && !rec.Change {
		return nil, nil
	}
	return append(evs, rec), nil
}

// decideAddCredential sets the credential account of a person who has
// none; the same one again is a no-op.
func decideAddCredential(s State, c AddCredential) ([]domain.Event, error) {
	switch {
	case !s.Exists:
		return nil, domain.ErrNotFound
	case !domain.ValidID(c.AccountID):
		return nil, domain.Errorf(domain.CodeValidation, "account id is required")
	case s.CredentialAccountID == c.AccountID:
		return nil, nil
	case s.CredentialAccountID != "":
		return nil, domain.Errorf(domain.CodeConflict, "the person already has a password")
	}
	return []domain.Event{CredentialAdded{PersonID: s.ID, AccountID: c.AccountID, At: c.At}}, nil
}

// evolveProof folds the events of this file: a removal voids the pending
// change-email link; a credential account is the person's password.
func evolveProof(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case UnprovenAccessRemoved:
		s.ChangeTokenHash, s.ChangeStage, s.ChangeFrom, s.ChangeTo, s.ChangeExpiresAt = "", "", "", "", time.Time{}
		s.UpdatedAt = e.At
	case CredentialAdded:
		s.CredentialAccountID, s.UpdatedAt = e.AccountID, e.At
	}
	return s
}
