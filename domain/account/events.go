// Package account is the account aggregate, Better Auth's "account" beside
// its "user": a way a person signs in. Today the credential (email +
// password) account; linked providers later. Stream: account-<id>. Sign-in
// outcomes are recorded here, so the per-account failure limit survives IP
// rotation and is decided from the stream, never from a projection.
package account

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeCreated              = "account.created"
	TypeSignInSucceeded      = "account.sign_in_succeeded"
	TypeSignInFailed         = "account.sign_in_failed"
	TypePasswordChanged      = "account.password_changed"
	TypePasswordChangeFailed = "account.password_change_failed"
	TypePasswordRehashed     = "account.password_rehashed"
	TypeSecondFactorRequired = "account.second_factor_required"
)

// ProviderCredential is the provider id of email + password accounts.
const ProviderCredential = "credential"

// Created records a new account of a person. An external account (an
// OpenID provider's) carries the provider's subject; Linked marks one added
// to a person who already existed (implicit linking by a verified email).
type Created struct {
	AccountID    string    `json:"accountId"`
	PersonID     string    `json:"personId"`
	ProviderID   string    `json:"providerId"`
	PasswordHash string    `json:"passwordHash,omitempty" pii:"true"`
	Subject      string    `json:"subject,omitempty" pii:"true"`
	Linked       bool      `json:"linked,omitempty"`
	At           time.Time `json:"at"`
}

// SignInSucceeded records a successful password sign-in that opened SessionID.
type SignInSucceeded struct {
	AccountID string    `json:"accountId"`
	PersonID  string    `json:"personId"`
	SessionID string    `json:"sessionId"`
	AfterFail int       `json:"afterFail,omitempty"` // failures since the previous success
	At        time.Time `json:"at"`
}

// SignInFailed is an audit event: a wrong password, or a right one of a
// banned person ("locked" was an attempt during the former account lock,
// kept for stored events). Failures counts the account's consecutive
// failures including this one (the audit count the knowledge projection
// shows; the sign-in backoff counts per address, domain/signin).
type SignInFailed struct {
	AccountID string    `json:"accountId"`
	PersonID  string    `json:"personId"`
	Reason    string    `json:"reason"` // "invalid_password", "banned" ("locked" in older events)
	Failures  int       `json:"failures"`
	At        time.Time `json:"at"`
}

// PasswordChanged records a new password hash.
type PasswordChanged struct {
	AccountID           string    `json:"accountId"`
	PersonID            string    `json:"personId"`
	PasswordHash        string    `json:"passwordHash" pii:"true"`
	RevokeOtherSessions bool      `json:"revokeOtherSessions,omitempty"`
	At                  time.Time `json:"at"`
}

// PasswordChangeFailed is an audit event: the current password was wrong.
type PasswordChangeFailed struct {
	AccountID string    `json:"accountId"`
	PersonID  string    `json:"personId"`
	At        time.Time `json:"at"`
}

// PasswordRehashed records a transparent upgrade of the hash parameters.
type PasswordRehashed struct {
	AccountID    string    `json:"accountId"`
	PersonID     string    `json:"personId"`
	PasswordHash string    `json:"passwordHash" pii:"true"`
	At           time.Time `json:"at"`
}

// SecondFactorRequired records a right password of a person with
// two-factor on: no session yet; ChallengeID names the pending sign-in
// that a second factor completes (the two_factor cookie).
type SecondFactorRequired struct {
	AccountID   string    `json:"accountId"`
	PersonID    string    `json:"personId"`
	ChallengeID string    `json:"challengeId"`
	AfterFail   int       `json:"afterFail,omitempty"`
	At          time.Time `json:"at"`
}

// EventType implements domain.Event.
func (SecondFactorRequired) EventType() string { return TypeSecondFactorRequired }

// EventType implements domain.Event.
func (Created) EventType() string { return TypeCreated }

// EventType implements domain.Event.
func (SignInSucceeded) EventType() string { return TypeSignInSucceeded }

// EventType implements domain.Event.
func (SignInFailed) EventType() string { return TypeSignInFailed }

// EventType implements domain.Event.
func (PasswordChanged) EventType() string { return TypePasswordChanged }

// EventType implements domain.Event.
func (PasswordChangeFailed) EventType() string { return TypePasswordChangeFailed }

// EventType implements domain.Event.
func (PasswordRehashed) EventType() string { return TypePasswordRehashed }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event {
	return []domain.Event{Created{}, SignInSucceeded{}, SignInFailed{}, PasswordChanged{},
		PasswordChangeFailed{}, PasswordRehashed{}, SecondFactorRequired{}, PasswordResetRequested{}, PasswordReset{},
		PasswordVerified{}, PasswordVerifyFailed{}, Unlinked{}, ProviderTokensStored{}, ProviderTokensRefreshed{}}
}

// Stream returns the stream name of an account.
func Stream(id string) string { return "account-" + id }

// ExternalKey is the claim value of an external account: the provider and
// its subject, so one provider account never belongs to two people.
func ExternalKey(providerID, subject string) string { return providerID + "\x00" + subject }
