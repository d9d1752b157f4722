package authenticator

import (
	"strings"
	"time"

	"github.com/authledger/authledger/domain"
)

// Register adds a verified credential (the ceremony was checked by the
// caller with domain/passkey).
type Register struct {
	Passkey     Passkey
	PersonID    string
	ChallengeID string
	At          time.Time
}

// Rename changes a passkey's name.
type Rename struct {
	PasskeyID string
	Name      string
	At        time.Time
}

// Delete removes a passkey.
type Delete struct {
	PasskeyID string
	At        time.Time
}

// DeleteAll removes every passkey of the person (when their address is
// proven after someone else may have registered passkeys on the account);
// with none it is a no-op.
type DeleteAll struct{ At time.Time }

// Authenticate records a verified assertion of PasskeyID carrying
// SignCount; the decider refuses a counter that did not move forward.
type Authenticate struct {
	PasskeyID   string
	SignCount   uint32
	BackedUp    bool
	ChallengeID string
	SessionID   string
	At          time.Time
}

// Command is any passkey command.
type Command interface{ isPasskeyCommand() }

func (Register) isPasskeyCommand()     {}
func (Rename) isPasskeyCommand()       {}
func (Delete) isPasskeyCommand()       {}
func (DeleteAll) isPasskeyCommand()    {}
func (Authenticate) isPasskeyCommand() {}

// MaxNameLength bounds a passkey name (runes).
const MaxNameLength = 100

// Errors with Better Auth's codes where it has one (statuses are mapped in
// the API).
var (
	ErrNotFound           = domain.Errorf("PASSKEY_NOT_FOUND", "Passkey not found")
	ErrAlreadyRegistered  = domain.Errorf("PASSKEY_ALREADY_REGISTERED", "Passkey already registered")
	ErrSignCountRegressed = domain.Errorf("PASSKEY_SIGN_COUNT_REGRESSED", "Passkey sign counter went backwards")
	ErrInvalidName        = domain.Errorf(domain.CodeValidation, "Invalid passkey name")
	errUnknownCommand     = domain.Errorf(domain.CodeInternal, "authenticator: unknown command")
)

// NewDecider returns the passkey decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events. A refused counter still emits its
// audit event together with the error: callers append it, then return
// the error.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case Register:
		return decideRegister(s, c)
	case Rename:
		if err := validName(c.Name); err != nil {
			return nil, err
		}
		p, ok := s.Find(c.PasskeyID)
		if !ok {
			return nil, ErrNotFound
		}
		if p.Name == c.Name {
			return nil, nil
		}
		return []domain.Event{Renamed{PersonID: s.PersonID, PasskeyID: p.ID, Name: c.Name, At: c.At}}, nil
	case Delete:
		if _, ok := s.Find(c.PasskeyID); !ok {
			return nil, ErrNotFound
		}
		return []domain.Event{Deleted{PersonID: s.PersonID, PasskeyID: c.PasskeyID, At: c.At}}, nil
	case DeleteAll:
		var evs []domain.Event
		for _, p := range s.Passkeys {
			evs = append(evs, Deleted{PersonID: s.PersonID, PasskeyID: p.ID, At: c.At})
		}
		return evs, nil
	case Authenticate:
		return decideAuthenticate(s, c)
	}
	return nil, errUnknownCommand
}

func decideRegister(s State, c Register) ([]domain.Event, error) {
	p := c.Passkey
	if err := validName(p.Name); err != nil {
		return nil, err
	}
	if _, dup := s.ByCredential(p.CredentialID); dup || p.CredentialID == "" {
		return nil, ErrAlreadyRegistered
	}
	if _, dup := s.Find(p.ID); dup {
		return nil, ErrAlreadyRegistered
	}
	return []domain.Event{Registered{PersonID: c.PersonID, PasskeyID: p.ID, Name: p.Name, CredentialID: p.CredentialID,
		PublicKey: p.PublicKey, AttestationType: p.AttestationType, AAGUID: p.AAGUID, SignCount: p.SignCount,
		Transports: p.Transports, UserVerified: p.UserVerified, BackupEligible: p.BackupEligible, BackedUp: p.BackedUp,
		ChallengeID: c.ChallengeID, At: c.At}}, nil
}

// decideAuthenticate applies WebAuthn §7.2 step 21: when either counter
// is non-zero, the presented one must be greater than the stored one.
// Authenticators that never count (both zero) pass.
func decideAuthenticate(s State, c Authenticate) ([]domain.Event, error) {
	p, ok := s.Find(c.PasskeyID)
	if !ok {
		return nil, ErrNotFound
	}
	if (c.SignCount != 0 || p.SignCount != 0) && c.SignCount <= p.SignCount {
		return []domain.Event{SignCountRegressed{PersonID: s.PersonID, PasskeyID: p.ID, Stored: p.SignCount,
			Presented: c.SignCount, ChallengeID: c.ChallengeID, At: c.At}}, ErrSignCountRegressed
	}
	return []domain.Event{Used{PersonID: s.PersonID, PasskeyID: p.ID, SignCount: c.SignCount, BackedUp: c.BackedUp,
		ChallengeID: c.ChallengeID, SessionID: c.SessionID, At: c.At}}, nil
}

// validName accepts "" (unnamed) or a label domain.ValidLabel accepts
// (at most MaxNameLength runes, no control or bidirectional characters)
// without leading or trailing space.
func validName(name string) error {
	if domain.ValidLabel(name, MaxNameLength) != nil || strings.TrimSpace(name) != name {
		return ErrInvalidName
	}
	return nil
}
