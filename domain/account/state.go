package account

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// State is an account folded from its stream.
type State struct {
	ID           string
	PersonID     string
	ProviderID   string
	Subject      string // the provider's subject of an external account
	Exists       bool
	Unlinked     bool // an unlinked account signs no one in
	PasswordHash string
	// Failures counts consecutive failed sign-ins and verifications since
	// the last success (an audit figure; sign-in is throttled per address).
	Failures      int
	LastFailureAt time.Time
	// VerifyFailures counts consecutive failed verify-password attempts
	// since the last sign-in or new password: what Lockout limits.
	VerifyFailures int
	VerifyFailedAt time.Time
	LastSignInAt   time.Time
	PasswordAt     time.Time
	// The pending password-reset token (hash only); empty when none.
	ResetTokenHash string
	ResetPurpose   string
	ResetExpiresAt time.Time
	// Tokens are the provider's tokens of an external account (sealed in
	// the log), TokensAt when they were last stored or refreshed.
	Tokens   ProviderTokens
	TokensAt time.Time
}

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Created:
		s = State{ID: e.AccountID, PersonID: e.PersonID, ProviderID: e.ProviderID, Subject: e.Subject, Exists: true,
			PasswordHash: e.PasswordHash, PasswordAt: e.At}
	case SignInSucceeded:
		s.Failures, s.VerifyFailures, s.LastSignInAt = 0, 0, e.At
	case SecondFactorRequired:
		s.Failures, s.VerifyFailures = 0, 0 // the password was right; codes have their own limit
	case SignInFailed:
		s.Failures, s.LastFailureAt = e.Failures, e.At
	case PasswordChanged:
		s.PasswordHash, s.PasswordAt, s.Failures, s.VerifyFailures = e.PasswordHash, e.At, 0, 0
	case PasswordRehashed:
		s.PasswordHash = e.PasswordHash
	case PasswordResetRequested:
		if s.ID == "" { // a set-password link names the account it creates
			s.ID, s.PersonID = e.AccountID, e.PersonID
		}
		s.ResetTokenHash, s.ResetPurpose, s.ResetExpiresAt = e.TokenHash, e.Purpose, e.ExpiresAt
	case PasswordReset:
		s.PasswordHash, s.PasswordAt, s.Failures, s.VerifyFailures = e.PasswordHash, e.At, 0, 0
		s.ResetTokenHash, s.ResetPurpose, s.ResetExpiresAt = "", "", time.Time{}
	case PasswordVerifyFailed:
		s.Failures, s.LastFailureAt = e.Failures, e.At
		s.VerifyFailures, s.VerifyFailedAt = s.VerifyFailures+1, e.At
	case Unlinked:
		s.Exists, s.Unlinked, s.PasswordHash = false, true, ""
		s.ResetTokenHash, s.ResetPurpose, s.ResetExpiresAt = "", "", time.Time{}
		s.Tokens, s.TokensAt = ProviderTokens{}, time.Time{}
	case ProviderTokensStored:
		s.Tokens, s.TokensAt = s.Tokens.merged(e.ProviderTokens, true), e.At
	case ProviderTokensRefreshed:
		s.Tokens, s.TokensAt = s.Tokens.merged(e.ProviderTokens, false), e.At
	case PasswordChangeFailed, PasswordVerified:
		// audit only
	}
	return s
}

// Lockout is verify-password's per-account limit: after Threshold
// consecutive wrong passwords given to verify-password, it is refused
// until Cooldown has passed since the last one. A sign-in or a new
// password resets the count; failed sign-ins do not add to it (sign-in is
// throttled per address instead, domain/signin). Zero Threshold disables
// it.
type Lockout struct {
	Threshold int
	Cooldown  time.Duration
}

// DefaultLockout locks after 10 consecutive failures for 15 minutes (NIST
// SP 800-63B asks for a limit of at most 100).
func DefaultLockout() Lockout { return Lockout{Threshold: 10, Cooldown: 15 * time.Minute} }

// Locked reports whether the account refuses verify-password at now, and
// until when.
func (l Lockout) Locked(s State, now time.Time) (bool, time.Time) {
	if l.Threshold <= 0 || s.VerifyFailures < l.Threshold {
		return false, time.Time{}
	}
	until := s.VerifyFailedAt.Add(l.Cooldown)
	return now.Before(until), until
}
