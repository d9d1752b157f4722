package twofactor

import (
	"crypto/subtle"
	"slices"
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
)

// State is a person's two-factor settings folded from the stream.
type State struct {
	PersonID      string
	Enabled       bool
	Secret        string   // active TOTP secret (base32), "" when off
	BackupCodes   []string // hashes of the unused active backup codes
	PendingSecret string   // set by enable, active after the first code
	PendingCodes  []string
	// LastStep is the newest TOTP step accepted: a code at or before it
	// is a replay.
	LastStep      int64
	Failures      int // consecutive failed codes since the last success
	LastFailureAt time.Time
	// TrustRevokedAt invalidates every trusted-device cookie issued
	// before it (disable, new enrolment).
	TrustRevokedAt time.Time
	// LastChallenge is the sign-in challenge completed last: a challenge
	// cookie completes one sign-in only.
	LastChallenge string
	// OTP is the emailed code of the pending sign-in, if any.
	OTP PendingOTP
}

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case EnrolmentStarted:
		s.PersonID, s.PendingSecret, s.PendingCodes = e.PersonID, e.Secret, splitCodes(e.BackupCodes)
	case Enabled:
		s.Enabled, s.Secret, s.BackupCodes = true, s.PendingSecret, s.PendingCodes
		s.PendingSecret, s.PendingCodes = "", nil
		s.LastStep, s.Failures, s.TrustRevokedAt = max(s.LastStep, e.Step), 0, e.At
	case OTPSent:
		s.OTP = PendingOTP{ChallengeID: e.ChallengeID, Hash: e.CodeHash, ExpiresAt: e.ExpiresAt}
	case CodeAccepted:
		s.LastStep, s.Failures, s.OTP = max(s.LastStep, e.Step), 0, PendingOTP{}
		if e.ChallengeID != "" {
			s.LastChallenge = e.ChallengeID
		}
		if e.BackupCode != "" {
			s.BackupCodes = slices.DeleteFunc(slices.Clone(s.BackupCodes), func(h string) bool { return h == e.BackupCode })
		}
	case CodeRejected:
		s.Failures, s.LastFailureAt = e.Failures, e.At
		if e.Method == MethodOTP {
			s.OTP.Attempts++
		}
	case BackupCodesGenerated:
		s.BackupCodes = splitCodes(e.BackupCodes)
	case Disabled:
		s = State{PersonID: s.PersonID, LastStep: s.LastStep, Failures: s.Failures, LastFailureAt: s.LastFailureAt,
			TrustRevokedAt: e.At, LastChallenge: s.LastChallenge}
	case ActionRefused:
		// audit only
	}
	return s
}

// JoinCodes is the stored form of a list of backup-code hashes.
func JoinCodes(hashes []string) string { return strings.Join(hashes, ",") }

func splitCodes(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// Enrolling reports whether a verify with a session completes an
// enrolment (a pending secret exists) rather than checks the active one.
func (s State) Enrolling() bool { return s.PendingSecret != "" }

// SecretFor returns the secret a code is checked against: the pending one
// while enrolling with a session, the active one otherwise.
func (s State) SecretFor(withSession bool) string {
	if withSession && s.Enrolling() {
		return s.PendingSecret
	}
	return s.Secret
}

// hasBackupCode reports whether hash is an unused backup code, comparing
// every entry in constant time.
func (s State) hasBackupCode(hash string) bool {
	found := 0
	for _, h := range s.BackupCodes {
		found |= subtle.ConstantTimeCompare([]byte(h), []byte(hash))
	}
	return found == 1 && hash != ""
}

// Lockout is the per-person limit on failed codes: after Threshold
// consecutive failures (whatever the challenge: a new sign-in does not
// reset it), codes are refused until Cooldown has passed since the last
// failure; one more failure locks again. Only an accepted code resets it.
type Lockout struct {
	Threshold int
	Cooldown  time.Duration
}

// MaxThreshold is NIST SP 800-63B's ceiling on consecutive failures.
const MaxThreshold = 100

// DefaultLockout locks after 10 failed codes for 15 minutes.
func DefaultLockout() Lockout { return Lockout{Threshold: 10, Cooldown: 15 * time.Minute} }

// limit is the effective threshold: the default when unset, never above
// MaxThreshold.
func (l Lockout) limit() int {
	switch {
	case l.Threshold <= 0:
		return DefaultLockout().Threshold
	case l.Threshold > MaxThreshold:
		return MaxThreshold
	}
	return l.Threshold
}

// Locked reports whether codes are refused at now.
func (l Lockout) Locked(s State, now time.Time) bool {
	if s.Failures < l.limit() {
		return false
	}
	cool := l.Cooldown
	if cool <= 0 {
		cool = DefaultLockout().Cooldown
	}
	return now.Before(s.LastFailureAt.Add(cool))
}
