package social

import (
	"time"

	"github.com/authledger/authledger/domain"
)

// Start opens a flow; the caller claims the state in the same append.
// LinkPersonID, when set, makes it a link flow of that signed-in person.
type Start struct {
	FlowID, ProviderID, StateHash                     string
	CallbackURL, ErrorCallbackURL, NewUserCallbackURL string
	LinkPersonID                                      string
	// Method is Started's (MethodIDToken or empty).
	Method        string
	ExpiresAt, At time.Time
}

// MethodIDToken is the Method of an ID token sign-in.
const MethodIDToken = "id_token"

// Receive consumes the flow's state for the callback presenting
// StateHash (the SHA-256 of its state).
type Receive struct {
	StateHash string
	At        time.Time
}

// Complete ends the flow signed in. StateHash is the SHA-256 of the state
// the callback presented.
type Complete struct {
	StateHash, PersonID, AccountID, SessionID string
	NewUser, Linked                           bool
	At                                        time.Time
}

// Fail ends the flow refused with Reason.
type Fail struct {
	Reason, PersonID string
	At               time.Time
}

// Command is any flow command.
type Command interface{ isSocialCommand() }

func (Start) isSocialCommand()    {}
func (Receive) isSocialCommand()  {}
func (Complete) isSocialCommand() {}
func (Fail) isSocialCommand()     {}

// CodeStateMismatch is Better Auth's error for a state that is unknown,
// used, expired or not this browser's.
const CodeStateMismatch domain.Code = "STATE_MISMATCH"

// ErrStateMismatch refuses a callback whose flow cannot complete.
var ErrStateMismatch = domain.Errorf(CodeStateMismatch, "state_mismatch")

// State is a flow folded from its stream.
type State struct {
	Started
	Exists, Received, Ended bool
}

// Evolve folds one event into the state.
func Evolve(s State, ev domain.Event) State {
	switch e := ev.(type) {
	case Started:
		s = State{Started: e, Exists: true}
	case CallbackReceived:
		s.Received = true
	case Succeeded, Failed:
		s.Ended = true
	}
	return s
}

// NewDecider returns the flow decider.
func NewDecider() domain.Decider[State, Command] {
	return domain.Decider[State, Command]{Decide: Decide, Evolve: Evolve}
}

// Decide turns a command into events. A state is consumed once, by the
// first callback of an unexpired flow (an expired one records its
// failure); only a consumed flow completes; a flow ends once. Anything
// else is ErrStateMismatch.
func Decide(s State, c Command) ([]domain.Event, error) {
	switch c := c.(type) {
	case Start:
		if s.Exists {
			return nil, domain.Errorf(domain.CodeConflict, "flow already exists")
		}
		return []domain.Event{Started{FlowID: c.FlowID, ProviderID: c.ProviderID, StateHash: c.StateHash,
			CallbackURL: c.CallbackURL, ErrorCallbackURL: c.ErrorCallbackURL, NewUserCallbackURL: c.NewUserCallbackURL,
			LinkPersonID: c.LinkPersonID, Method: c.Method, ExpiresAt: c.ExpiresAt, At: c.At}}, nil
	case Receive:
		if !s.Exists || s.Received || s.Ended || c.StateHash != s.StateHash {
			return nil, ErrStateMismatch
		}
		if !c.At.Before(s.ExpiresAt) {
			return []domain.Event{s.failed("state_mismatch", "", c.At)}, ErrStateMismatch
		}
		return []domain.Event{CallbackReceived{FlowID: s.FlowID, ProviderID: s.ProviderID, At: c.At}}, nil
	case Complete:
		if !s.Received || s.Ended || c.StateHash != s.StateHash {
			return nil, ErrStateMismatch
		}
		return []domain.Event{Succeeded{FlowID: s.FlowID, ProviderID: s.ProviderID, PersonID: c.PersonID,
			AccountID: c.AccountID, SessionID: c.SessionID, NewUser: c.NewUser, Linked: c.Linked, At: c.At}}, nil
	case Fail:
		if !s.Exists || s.Ended {
			return nil, ErrStateMismatch
		}
		return []domain.Event{s.failed(c.Reason, c.PersonID, c.At)}, nil
	}
	return nil, domain.Errorf(domain.CodeInternal, "social: unknown command")
}

func (s State) failed(reason, personID string, at time.Time) Failed {
	return Failed{FlowID: s.FlowID, ProviderID: s.ProviderID, PersonID: personID, Reason: reason, At: at}
}
