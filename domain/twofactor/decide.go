package twofactor

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Enable starts an enrolment: Secret (base32) and the backup-code hashes
// are drawn by the caller; PasswordOK is the caller's password check.
type Enable struct {
	PersonID    string
	PasswordOK  bool
	Secret      string
	BackupCodes []string
	At          time.Time
}

// CheckPassword records a password check of a read-only action (get the
// TOTP URI): only a failure emits an event.
type CheckPassword struct {
	PersonID   string
	Action     string
	PasswordOK bool
	At         time.Time
}

// Verify checks a second factor. For TOTP, Matched and Step are the
// caller's result of matching the code against State.SecretFor; for a
// backup code, BackupCode is its hash; for an emailed code, CodeHash. WithSession is true when the
// caller is signed in (enrolment or a check), false for the sign-in step,
// which names its ChallengeID.
type Verify struct {
	Method      string
	Matched     bool
	Step        int64
	BackupCode  string
	CodeHash    string
	WithSession bool
	ChallengeID string
	SessionID   string
	TrustDevice bool
	Lockout     Lockout
	At          time.Time
}

// GenerateBackupCodes replaces the backup codes (hashes drawn by the caller).
type GenerateBackupCodes struct {
	PersonID    string
	PasswordOK  bool
	BackupCodes []string
	At          time.Time
}

// Disable turns two-factor off.
type Disable struct {
	PersonID   string
	PasswordOK bool
	At         time.Time
}

// Remove turns two-factor off without the password: proving an address
// ends a second factor (and the trusted devices) that whoever used the
// address before could have enrolled.
type Remove struct {
	At time.Time
}

// Command is any two-factor command.
type Command interface{ isTwoFactorCommand() }

func (Enable) isTwoFactorCommand()              {}
func (CheckPassword) isTwoFactorCommand()       {}
func (Verify) isTwoFactorCommand()              {}
func (GenerateBackupCodes) isTwoFactorCommand() {}
func (Disable) isTwoFactorCommand()             {}
func (Remove) isTwoFactorCommand()              {}

// Errors with Better Auth's codes (statuses are mapped in the API).
var (
	ErrInvalidCode         = domain.Errorf("INVALID_CODE", "Invalid code")
	ErrInvalidBackupCode   = domain.Errorf("INVALID_BACKUP_CODE", "Invalid backup code")
	ErrTOTPNotEnabled      = domain.Errorf("TOTP_NOT_ENABLED", "TOTP not enabled")
	ErrNotEnabled          = domain.Errorf("TWO_FACTOR_NOT_ENABLED", "Two factor isn't enabled")
	ErrInvalidChallenge    = domain.Errorf("INVALID_TWO_FACTOR_COOKIE", "Invalid two factor cookie")
	ErrTooManyAttempts     = domain.Errorf("TOO_MANY_ATTEMPTS", "Too many failed codes. Try again later.")
	errUnknownCommand      = domain.Errorf(domain.CodeInternal, "twofactor: unknown command")
	errPasswordCheckAction = "invalid_password"
)

// NewDecider returns the two-factor decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events. A refused code or password still
// emits its audit event together with the error: callers append the
// events, then return the error.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case Enable:
		if !c.PasswordOK {
			return refused(c.PersonID, "enable", c.At)
		}
		return []domain.Event{EnrolmentStarted{PersonID: c.PersonID, Secret: c.Secret,
			BackupCodes: JoinCodes(c.BackupCodes), At: c.At}}, nil
	case CheckPassword:
		if !c.PasswordOK {
			return refused(c.PersonID, c.Action, c.At)
		}
		return nil, nil
	case Verify:
		return decideVerify(s, c)
	case SendOTP:
		return decideSendOTP(s, c)
	case GenerateBackupCodes:
		if !c.PasswordOK {
			return refused(c.PersonID, "generate_backup_codes", c.At)
		}
		if !s.Enabled {
			return nil, ErrNotEnabled
		}
		return []domain.Event{BackupCodesGenerated{PersonID: s.PersonID, BackupCodes: JoinCodes(c.BackupCodes), At: c.At}}, nil
	case Remove:
		if !s.Enabled && !s.Enrolling() {
			return nil, nil
		}
		return []domain.Event{Disabled{PersonID: s.PersonID, At: c.At}}, nil
	case Disable:
		if !c.PasswordOK {
			return refused(c.PersonID, "disable", c.At)
		}
		if !s.Enabled && !s.Enrolling() {
			return nil, nil
		}
		return []domain.Event{Disabled{PersonID: s.PersonID, At: c.At}}, nil
	}
	return nil, errUnknownCommand
}

func refused(personID, action string, at time.Time) ([]domain.Event, error) {
	return []domain.Event{ActionRefused{PersonID: personID, Action: action, Reason: errPasswordCheckAction, At: at}},
		domain.ErrInvalidPassword
}

// decideVerify applies, in order: a factor must exist, the lockout, the
// single use of a sign-in challenge, the code itself, and for TOTP the
// single use of a time step.
func decideVerify(s State, c Verify) ([]domain.Event, error) {
	if c.Method != MethodTOTP && c.Method != MethodBackupCode && c.Method != MethodOTP {
		return nil, errUnknownCommand
	}
	enrol := c.WithSession && s.Enrolling() && c.Method == MethodTOTP
	if !enrol && !s.Enabled {
		if c.Method == MethodTOTP {
			return nil, ErrTOTPNotEnabled
		}
		return nil, ErrNotEnabled
	}
	if reason, err := refusal(s, c); err != nil {
		return []domain.Event{CodeRejected{PersonID: s.PersonID, Method: c.Method, Reason: reason,
			Failures: s.Failures + 1, At: c.At}}, err
	}
	if enrol {
		return []domain.Event{Enabled{PersonID: s.PersonID, Step: c.Step, At: c.At}}, nil
	}
	ev := CodeAccepted{PersonID: s.PersonID, Method: c.Method, ChallengeID: c.ChallengeID, SessionID: c.SessionID,
		TrustDevice: c.TrustDevice, At: c.At}
	switch c.Method {
	case MethodTOTP:
		ev.Step = c.Step
	case MethodBackupCode:
		ev.BackupCode = c.BackupCode
	}
	return []domain.Event{ev}, nil
}

// refusal is why a code is refused ("" and nil when it is accepted).
func refusal(s State, c Verify) (string, error) {
	wrong := ErrInvalidCode
	if c.Method == MethodBackupCode {
		wrong = ErrInvalidBackupCode
	}
	switch {
	case c.Lockout.Locked(s, c.At):
		return ReasonLocked, ErrTooManyAttempts
	case c.ChallengeID != "" && c.ChallengeID == s.LastChallenge:
		return ReasonChallengeUsed, ErrInvalidChallenge
	case c.Method == MethodOTP:
		return otpRefusal(s, c)
	case c.Method == MethodBackupCode && !s.hasBackupCode(c.BackupCode):
		return ReasonInvalidCode, wrong
	case c.Method == MethodTOTP && !c.Matched:
		return ReasonInvalidCode, wrong
	case c.Method == MethodTOTP && c.Step <= s.LastStep:
		return ReasonReplayed, wrong
	}
	return "", nil
}
