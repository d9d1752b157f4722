// Package twofactor is the two-factor aggregate of a person: the TOTP
// secret (pending until the first code is verified, then active), the
// hashed backup codes, the last accepted time step (a code works once),
// the per-person failure count behind the lockout, and when trusted
// devices were last revoked. Stream: twofactor-<personID>, sealed with
// the person's key. Every accepted and every refused code is an event.
package twofactor

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Event type names. Names are schema: never rename a stored type.
const (
	TypeEnrolmentStarted     = "two_factor.enrolment_started"
	TypeEnabled              = "two_factor.enabled"
	TypeCodeAccepted         = "two_factor.code_accepted"
	TypeCodeRejected         = "two_factor.code_rejected"
	TypeBackupCodesGenerated = "two_factor.backup_codes_generated"
	TypeDisabled             = "two_factor.disabled"
	TypeActionRefused        = "two_factor.action_refused"
)

// Methods of a second factor.
const (
	MethodTOTP       = "totp"
	MethodBackupCode = "backup_code"
)

// Reasons of a rejected code.
const (
	ReasonInvalidCode   = "invalid_code"
	ReasonReplayed      = "authn_token_reuse" // OWASP logging vocabulary
	ReasonLocked        = "locked"
	ReasonChallengeUsed = "challenge_used"
)

// EnrolmentStarted records a new TOTP secret and backup codes, pending
// until a code from the secret is verified. Secret is base32; BackupCodes
// is the comma-separated hex SHA-256 of each code. Both are sealed.
type EnrolmentStarted struct {
	PersonID    string    `json:"personId"`
	Secret      string    `json:"secret" pii:"true"`
	BackupCodes string    `json:"backupCodes" pii:"true"`
	At          time.Time `json:"at"`
}

// Enabled records the first verified code of a pending secret: the secret
// and its backup codes become active and two-factor is on.
type Enabled struct {
	PersonID string    `json:"personId"`
	Step     int64     `json:"step"`
	At       time.Time `json:"at"`
}

// CodeAccepted records a second factor that passed. Step is the TOTP time
// step (totp); BackupCode the hash of the backup code used (sealed).
// ChallengeID names the sign-in it completed ("" when checked with a
// session); SessionID the session it opened.
type CodeAccepted struct {
	PersonID    string    `json:"personId"`
	Method      string    `json:"method"`
	Step        int64     `json:"step,omitempty"`
	BackupCode  string    `json:"backupCode,omitempty" pii:"true"`
	ChallengeID string    `json:"challengeId,omitempty"`
	SessionID   string    `json:"sessionId,omitempty"`
	TrustDevice bool      `json:"trustDevice,omitempty"`
	At          time.Time `json:"at"`
}

// CodeRejected is an audit event: a wrong, replayed or locked-out code.
// Failures counts consecutive failures including this one.
type CodeRejected struct {
	PersonID string    `json:"personId"`
	Method   string    `json:"method"`
	Reason   string    `json:"reason"`
	Failures int       `json:"failures"`
	At       time.Time `json:"at"`
}

// BackupCodesGenerated replaces the backup codes (hashes, sealed).
type BackupCodesGenerated struct {
	PersonID    string    `json:"personId"`
	BackupCodes string    `json:"backupCodes" pii:"true"`
	At          time.Time `json:"at"`
}

// Disabled turns two-factor off, forgets the secret and the codes, and
// revokes every trusted device.
type Disabled struct {
	PersonID string    `json:"personId"`
	At       time.Time `json:"at"`
}

// ActionRefused is an audit event: a two-factor action asked for the
// password and got a wrong one.
type ActionRefused struct {
	PersonID string    `json:"personId"`
	Action   string    `json:"action"` // "enable", "get_totp_uri", "generate_backup_codes", "disable"
	Reason   string    `json:"reason"`
	At       time.Time `json:"at"`
}

// EventType implements domain.Event.
func (EnrolmentStarted) EventType() string { return TypeEnrolmentStarted }

// EventType implements domain.Event.
func (Enabled) EventType() string { return TypeEnabled }

// EventType implements domain.Event.
func (CodeAccepted) EventType() string { return TypeCodeAccepted }

// EventType implements domain.Event.
func (CodeRejected) EventType() string { return TypeCodeRejected }

// EventType implements domain.Event.
func (BackupCodesGenerated) EventType() string { return TypeBackupCodesGenerated }

// EventType implements domain.Event.
func (Disabled) EventType() string { return TypeDisabled }

// EventType implements domain.Event.
func (ActionRefused) EventType() string { return TypeActionRefused }

// Events lists every event of this aggregate (zero values).
func Events() []domain.Event {
	return []domain.Event{EnrolmentStarted{}, Enabled{}, CodeAccepted{}, CodeRejected{},
		BackupCodesGenerated{}, Disabled{}, ActionRefused{}, OTPSent{}}
}

// StreamPrefix starts the name of every two-factor stream.
const StreamPrefix = "twofactor-"

// Stream returns the two-factor stream of a person.
func Stream(personID string) string { return StreamPrefix + personID }
