package twofactor

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"time"

	"github.com/authledger/authledger/domain"
)

// Two-factor by emailed one-time code (Better Auth's otp method). A code
// is drawn by the caller, mailed, and only its SHA-256 enters the stream
// (sealed with the person's key besides). It belongs to one pending
// sign-in (ChallengeID), lives OTPTTL, works once, and a new one replaces
// it. Wrong codes count toward the same lockout as TOTP codes, and at
// most OTPAttempts wrong guesses are allowed per code.
const (
	TypeOTPSent = "two_factor.otp_sent"
	MethodOTP   = "otp"
	// ReasonOTPExpired: no live code for this sign-in (none sent, used or
	// expired). ReasonOTPAttempts: the code's guesses are spent.
	ReasonOTPExpired  = "otp_expired"
	ReasonOTPAttempts = "otp_attempts"
)

// OTPTTL is how long an emailed code works: 3 minutes (Better Auth's default).
const OTPTTL = 3 * time.Minute

// OTPAttempts is how many wrong guesses one code allows (Better Auth's default).
const OTPAttempts = 5

// Errors of the otp method, with Better Auth's codes.
var (
	ErrOTPExpired       = domain.Errorf("OTP_HAS_EXPIRED", "OTP has expired")
	ErrOTPAttempts      = domain.Errorf("TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE", "Too many attempts. Please request a new code.")
	ErrOTPNotConfigured = domain.Errorf("OTP_NOT_CONFIGURED", "OTP is not available")
)

// OTPSent records a code mailed for a pending sign-in: its hash, the
// sign-in it belongs to and until when it works.
type OTPSent struct {
	PersonID    string    `json:"personId"`
	ChallengeID string    `json:"challengeId"`
	CodeHash    string    `json:"codeHash" pii:"true"`
	ExpiresAt   time.Time `json:"expiresAt"`
	At          time.Time `json:"at"`
	MailID      string    `json:"mailId,omitempty"` // the mail's id: the code is derived from it
}

// EventType implements domain.Event.
func (OTPSent) EventType() string { return TypeOTPSent }

// SendOTP records a freshly drawn code (by its hash) for ChallengeID.
type SendOTP struct {
	ChallengeID string
	CodeHash    string
	ExpiresAt   time.Time
	At          time.Time
	// MailID identifies the mail of the code: the mailer re-creates the
	// code from it (see api/maillink).
	MailID string
}

func (SendOTP) isTwoFactorCommand() {}

// HashOTP is the stored form of a code: hex SHA-256.
func HashOTP(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// PendingOTP is the live code of a pending sign-in (zero when none).
type PendingOTP struct {
	ChallengeID string
	Hash        string
	ExpiresAt   time.Time
	Attempts    int
}

func decideSendOTP(s State, c SendOTP) ([]domain.Event, error) {
	if !s.Enabled {
		return nil, ErrNotEnabled
	}
	if c.ChallengeID == "" || c.ChallengeID == s.LastChallenge {
		return nil, ErrInvalidChallenge
	}
	return []domain.Event{OTPSent{PersonID: s.PersonID, ChallengeID: c.ChallengeID, CodeHash: c.CodeHash,
		ExpiresAt: c.ExpiresAt, At: c.At, MailID: c.MailID}}, nil
}

// otpRefusal is why an otp Verify fails before or at the code check ("" when
// the code is right), with its error.
func otpRefusal(s State, c Verify) (string, error) {
	p := s.OTP
	switch {
	case p.ChallengeID == "" || p.ChallengeID != c.ChallengeID || !c.At.Before(p.ExpiresAt):
		return ReasonOTPExpired, ErrOTPExpired
	case p.Attempts >= OTPAttempts:
		return ReasonOTPAttempts, ErrOTPAttempts
	case subtle.ConstantTimeCompare([]byte(p.Hash), []byte(c.CodeHash)) != 1:
		return ReasonInvalidCode, ErrInvalidCode
	}
	return "", nil
}
