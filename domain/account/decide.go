package account

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Create opens an account for a person.
type Create struct {
	AccountID    string
	PersonID     string
	ProviderID   string
	PasswordHash string
	// Subject and Linked describe an external account (see Created).
	Subject string
	Linked  bool
	At      time.Time
}

// RecordSignIn records the outcome of a password check done by the caller
// (the per-address throttle, domain/signin, decides whether a password
// is checked at all; the account never locks sign-in). Rehash, when set, is a new hash of the same password under current
// parameters.
type RecordSignIn struct {
	PasswordOK bool
	SessionID  string
	Rehash     string
	Banned     bool // the person is banned: a right password still fails
	// ChallengeID, when set, means two-factor is on: a right password
	// opens no session but a pending sign-in with this id.
	ChallengeID string
	At          time.Time
}

// ChangePassword records a password change; CurrentOK is the caller's check
// of the current password, NewHash the hash of the new one.
type ChangePassword struct {
	CurrentOK           bool
	NewHash             string
	RevokeOtherSessions bool
	At                  time.Time
}

// Command is any account command.
type Command interface{ isAccountCommand() }

func (Create) isAccountCommand()         {}
func (RecordSignIn) isAccountCommand()   {}
func (ChangePassword) isAccountCommand() {}

// ErrLocked is returned when password verification is locked after too
// many failures (sign-in is throttled per address instead: domain/signin).
var ErrLocked = domain.Errorf(domain.CodeAccountLocked, "Too many failed attempts. Try again later.")

// ErrBanned is returned when a banned person signs in with a right password.
var ErrBanned = domain.Errorf(domain.CodeBanned, "You have been banned from this application")

// NewDecider returns the account decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events. A failed check still emits its audit
// event together with the error: callers append the events, then return
// the error.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case Create:
		if s.Exists {
			return nil, domain.Errorf(domain.CodeConflict, "account already exists")
		}
		return []domain.Event{Created{AccountID: c.AccountID, PersonID: c.PersonID,
			ProviderID: c.ProviderID, PasswordHash: c.PasswordHash, Subject: c.Subject, Linked: c.Linked, At: c.At}}, nil
	case RecordSignIn:
		return decideSignIn(s, c)
	case ChangePassword:
		return decideChange(s, c)
	case Unlink:
		return decideUnlink(s, c)
	case RequestPasswordReset:
		return decideRequestReset(s, c)
	case ResetPassword:
		return decideReset(s, c)
	case RequestPasswordSet:
		return decideRequestSet(s, c)
	case VerifyPassword:
		return decideVerify(s, c)
	case StoreTokens, RecordRefresh:
		return decideTokens(s, c)
	}
	return nil, domain.Errorf(domain.CodeInternal, "account: unknown command")
}

func decideSignIn(s State, c RecordSignIn) ([]domain.Event, error) {
	if !s.Exists {
		return nil, domain.ErrInvalidCredentials
	}
	if !c.PasswordOK {
		return []domain.Event{SignInFailed{AccountID: s.ID, PersonID: s.PersonID,
			Reason: "invalid_password", Failures: s.Failures + 1, At: c.At}}, domain.ErrInvalidCredentials
	}
	if c.Banned {
		return []domain.Event{SignInFailed{AccountID: s.ID, PersonID: s.PersonID, Reason: "banned",
			Failures: s.Failures, At: c.At}}, ErrBanned
	}
	var evs []domain.Event
	if c.ChallengeID != "" {
		evs = append(evs, SecondFactorRequired{AccountID: s.ID, PersonID: s.PersonID, ChallengeID: c.ChallengeID,
			AfterFail: s.Failures, At: c.At})
	} else {
		evs = append(evs, SignInSucceeded{AccountID: s.ID, PersonID: s.PersonID, SessionID: c.SessionID,
			AfterFail: s.Failures, At: c.At})
	}
	if c.Rehash != "" {
		evs = append(evs, PasswordRehashed{AccountID: s.ID, PersonID: s.PersonID, PasswordHash: c.Rehash, At: c.At})
	}
	return evs, nil
}

func decideChange(s State, c ChangePassword) ([]domain.Event, error) {
	if !s.Exists || s.ProviderID != ProviderCredential {
		return nil, domain.Errorf(domain.CodeBadRequest, "Credential account not found")
	}
	if !c.CurrentOK {
		return []domain.Event{PasswordChangeFailed{AccountID: s.ID, PersonID: s.PersonID, At: c.At}},
			domain.ErrInvalidPassword
	}
	return []domain.Event{PasswordChanged{AccountID: s.ID, PersonID: s.PersonID, PasswordHash: c.NewHash,
		RevokeOtherSessions: c.RevokeOtherSessions, At: c.At}}, nil
}
